/**
 * `check-request`: an authorization URL the app builds, judged against the registration as Pleo's
 * server would judge it, with no network. `serve` enforces the same verdicts.
 */
export { judgeAuthorizationRequest, firstRefusal, MIN_STATE_LENGTH } from './policy.js';
export { registrationFrom, type Registration } from './registration.js';
export { closestRegistered, differenceBetween, type NearMiss } from './redirect-match.js';
export { AUTHORIZATION_REASONS, SERVER_REASONS, SERVER_REASON_TEXT, type AuthorizationReason, type ReasonCode, type ServerReason, type Verdict } from './reasons.js';
export { verdictsAsResult, CHECK_REQUEST_DOCS_ANCHOR } from './report.js';
