// The entry of dist/pleo-register.cjs (scripts/bundle.js): the CLI, and the library's two entries,
// which dist/index.js and dist/services/http.js take from this bundle so that a program importing
// pleo-register runs it from V8's code cache too. Each is set up when first asked for: `require`
// here is the bundle's own, so the CLI's offline start does not initialise the network client.
export { main, warmUp } from './main.js';

export const library = (): typeof import('../index.js') => require('../index.js');
export const http = (): typeof import('../services/http.js') => require('../services/http.js');
