// `lint --fix` and `--fix-dry-run`: safe fixes to the manifest's text, the diff that shows them, and the writer.
export { fixBytes, fixManifest, MODELINE_RULE, type Fix, type FixOptions, type FixResult } from './fix.js';
export { unifiedDiff } from './diff.js';
export { writeFixedManifest } from './write.js';
