import type { LintServices } from '../engine/lint.js';
import type { HttpClient } from '../services/http.js';

export interface ServicesOptions {
  online: boolean;
  timeoutMs?: number;
  /** The whole run's network time (--network-budget), counted from the first request. */
  networkBudgetMs?: number;
  version: string;
  /** --allow-outside-logo: a local logo may lie outside the manifest's repository. */
  allowOutsideLogo?: boolean;
  /** Where the progress line goes: stderr, only when it is a terminal. */
  progress?: { write(text: string): unknown };
}

/**
 * The network and the logo decoder, loaded only when a check first needs them: an offline run with
 * no local logo never imports undici or sharp. One HTTP client serves every manifest of the run, so
 * each distinct URL is requested once and concurrency is bounded across all of them.
 */
export function createServices(options: ServicesOptions) {
  let client: Promise<HttpClient> | undefined;
  let shown = false;
  const onProgress = options.progress
    ? (done: number, total: number) => {
        shown = true;
        options.progress!.write(`\r\u001b[KChecking links… ${done}/${total}`);
      }
    : undefined;

  const request: LintServices['request'] = async (url, requestOptions) => {
    client ??= import('../services/http.js').then(({ createHttpClient }) =>
      createHttpClient({ timeoutMs: options.timeoutMs, budgetMs: options.networkBudgetMs, version: options.version, onProgress }),
    );
    return (await client).request(url, requestOptions);
  };

  return {
    /** The engine's LintServices for one manifest; relative logo paths resolve against its folder. */
    forManifest(manifestDir: string): LintServices {
      return {
        online: options.online,
        request,
        loadLogo: async (logo) => {
          const { createLogoLoader } = await import('../logo/load.js');
          return createLogoLoader({ manifestDir, online: options.online, request, allowOutside: options.allowOutsideLogo === true })(logo);
        },
      };
    },
    async close(): Promise<void> {
      if (client) await (await client).close();
      if (shown) options.progress!.write('\r\u001b[K');
    },
  };
}
