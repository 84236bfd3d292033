// `pleo-register export`: the registration as Pleo's form asks for it, or as RFC 7591 client metadata.
export { exportDcr, dcrJson, PLEO_PREFIX, type ClientMetadata, type DcrExport } from './dcr.js';
export { exportForm } from './form.js';
export type { ManifestData } from './values.js';
export { EXPORTED_KEYS, keysWithSecrets, manifestSecrets } from './secrets.js';
