// `lint --fix` and `--fix-dry-run`: safe fixes to the manifest's text, and the diff that shows them.
export { fixBytes, fixManifest, MODELINE_RULE, type Fix, type FixOptions, type FixResult } from './fix.js';
export { unifiedDiff } from './diff.js';
