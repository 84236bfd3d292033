/**
 * `serve`: a local OAuth 2.0 authorization server holding an app to its registration. Loaded only by
 * the serve command; oidc-provider only when the server starts.
 */
export type { ServeOptions } from './options.js';
export { loadProvider, startServer, type RunningServer } from './start.js';
export { consentContent, consentPage, signInPage, errorPage, TEST_ACCOUNT, TEST_SUBJECTS, type ConsentContent } from './pages.js';
export { formatLogEntry, endpointOf, type LogEntry, type LogFormat } from './log.js';
export { tokenRefusal } from './refusals.js';
