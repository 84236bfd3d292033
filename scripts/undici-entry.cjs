'use strict';
// What the HTTP client takes from undici (src/services/undici.ts): Agent, with the request API undici's
// index adds to every dispatcher, and buildConnector. Bundling the index instead brought fetch,
// WebSocket, cookies, EventSource, mocks and caches along, and its cookies module reads
// globalThis.Headers at load, which makes Node load its own copy of undici: ~15 ms of every online run.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
Object.assign(Dispatcher.prototype, require('undici/lib/api'));

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  buildConnector: require('undici/lib/core/connect'),
};
