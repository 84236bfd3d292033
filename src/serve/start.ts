import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstRefusal, judgeAuthorizationRequest, type Registration, type Verdict } from '../check-request/index.js';
import { configureInteractions } from './interactions.js';
import type { ServeOptions } from './options.js';
import { endpointOf, type LogEntry } from './log.js';
import { errorPage, PAGE_CSP, type ConsentContent } from './pages.js';
import { providerConfiguration } from './configuration.js';
import type { OAuthError, ProviderContext, ProviderModule } from './provider-types.js';
import { tokenRefusal } from './refusals.js';


export interface RunningServer {
  issuer: string;
  discoveryUrl: string;
  port: number;
  /** Whether [::1] listens too (it may be off on the machine). */
  ipv6: boolean;
  close(): Promise<void>;
}

/** What a request came to: filled in by oidc-provider's events, logged when the response ends. */
interface RequestNote {
  verdicts?: Verdict[];
  outcome?: LogEntry['outcome'];
  reason?: LogEntry['reason'];
  message?: string;
  line?: number;
}

/**
 * Starts the authorization server on 127.0.0.1 (and [::1], on the same port, when the machine has
 * it), with the manifest's one client. oidc-provider is loaded here, and only here.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // Loaded before any socket is bound: a failure then leaves nothing listening.
  const { default: Provider, errors } = await loadProvider();
  const v4 = createServer();
  await listen(v4, options.port, '127.0.0.1');
  const port = (v4.address() as AddressInfo).port;
  const v6 = createServer();
  const ipv6 = await listen(v6, port, '::1').then(
    () => true,
    () => false,
  );
  const issuer = `http://127.0.0.1:${port}`;
  const closeAll = () => Promise.all([v4, ...(ipv6 ? [v6] : [])].map((server) => close(server))).then(() => undefined);
  try {
    return serveOn({ issuer, port, ipv6, servers: [v4, v6], close: closeAll }, options, { Provider, errors });
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The provider and the pages, answering on the listening sockets. */
function serveOn(
  listening: Omit<RunningServer, 'discoveryUrl'> & { servers: Server[] },
  options: ServeOptions,
  { Provider, errors }: { Provider: ProviderModule['default']; errors: ProviderModule['errors'] },
): RunningServer {
  const { issuer, servers } = listening;

  const notes = new WeakMap<IncomingMessage, RequestNote>();
  const note = (req: IncomingMessage): RequestNote => {
    let found = notes.get(req);
    if (!found) notes.set(req, (found = {}));
    return found;
  };
  const judge = (ctx: ProviderContext): Verdict[] => {
    const entry = note(ctx.req);
    if (!entry.verdicts) {
      entry.verdicts = judgeAuthorizationRequest(rawParams(ctx), options.registration);
      // A weakness that does not refuse the request is logged with it, as it goes on to sign-in.
      const warning = firstRefusal(entry.verdicts) ? undefined : entry.verdicts.find((verdict) => verdict.severity === 'warning');
      if (warning) Object.assign(entry, { outcome: 'warning', reason: warning.reason, message: `accepted, but ${warning.message}`, line: warning.line });
      else if (!firstRefusal(entry.verdicts)) entry.message = 'accepted: the request matches the registration; on to sign-in and consent';
    }
    return entry.verdicts;
  };

  const provider = new Provider(
    issuer,
    providerConfiguration(options.registration, { clientId: options.clientId, clientSecret: options.clientSecret }, options.accessTokenTtl, {
      judgeAuthorization(ctx) {
        const refusal = firstRefusal(judge(ctx));
        if (!refusal) return;
        throw oauthErrorFor(refusal, errors);
      },
      renderError(ctx, out) {
        const refusal = notes.get(ctx.req)?.verdicts ? firstRefusal(notes.get(ctx.req)!.verdicts!) : undefined;
        ctx.set('Content-Security-Policy', PAGE_CSP);
        ctx.type = 'html';
        ctx.body = errorPage(out.error ?? 'error', out.error_description, refusal?.message);
      },
    }),
  );

  provider.on('authorization.error', (ctx, error) => {
    const entry = note(ctx.req);
    entry.outcome = 'refused';
    if (error?.error === 'access_denied' && ctx.path !== '/auth') {
      entry.reason = 'access-denied';
      entry.message = 'the user cancelled on the consent page: access_denied goes back to the app with its state';
      return;
    }
    const refusal = ctx.path === '/auth' ? firstRefusal(judge(ctx)) : undefined;
    if (refusal) Object.assign(entry, { reason: refusal.reason, message: refusal.message, line: refusal.line });
    else Object.assign(entry, { reason: 'oauth-error', message: describe(error) });
  });
  provider.on('authorization.success', (ctx) => {
    const entry = note(ctx.req);
    entry.message ??= 'authorization code issued';
  });
  provider.on('grant.success', (ctx) => {
    const type = ctx.oidc?.params?.grant_type;
    note(ctx.req).message = type === 'refresh_token' ? 'tokens issued; the refresh token was rotated (the one used no longer works)' : `tokens issued (${String(type)})`;
  });
  provider.on('grant.error', (ctx, error) => {
    const refusal = tokenRefusal(error ?? {}, ctx.oidc?.params?.grant_type as string | undefined);
    Object.assign(note(ctx.req), { outcome: 'refused', ...refusal });
  });
  provider.on('server_error', (ctx, error) => {
    Object.assign(note(ctx.req), { outcome: 'error', message: `server error: ${error?.message ?? 'unknown'}` });
  });

  const interactions = configureInteractions(provider, options, (req, text) => (note(req).message = text));
  const callback = provider.callback();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = new Date();
    const path = pathOf(req.url);
    res.on('finish', () => options.log(logEntry(req, res, path, started, notes.get(req))));
    if (path === '/logo') return serveLogo(res, options.logo);
    if (path.startsWith('/interaction/')) return void interactions(req, res, path);
    callback(req, res);
  };
  for (const server of servers) server.on('request', handle);
  return { issuer, discoveryUrl: `${issuer}/.well-known/openid-configuration`, port: listening.port, ipv6: listening.ipv6, close: listening.close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The request's own parameters, as the app sent them (before oidc-provider fills in defaults). */
function rawParams(ctx: ProviderContext): URLSearchParams {
  if (ctx.method === 'POST' && ctx.oidc?.body) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(ctx.oidc.body)) for (const item of [value].flat()) params.append(key, String(item));
    return params;
  }
  return new URLSearchParams(ctx.querystring);
}

function oauthErrorFor(refusal: Verdict, errors: ProviderModule['errors']): OAuthError {
  switch (refusal.reason) {
    case 'redirect-uri-missing':
    case 'redirect-uri-not-registered':
    case 'redirect-uri-http':
      return new errors.InvalidRedirectUri();
    case 'response-type':
      return new errors.UnsupportedResponseType(refusal.message);
    case 'scope-not-registered':
      return new errors.InvalidScope(refusal.message);
    case 'client-id-unknown':
      return new errors.InvalidClient(refusal.message);
    default:
      return new errors.InvalidRequest(refusal.message);
  }
}

function describe(error: OAuthError | undefined): string {
  if (!error) return 'refused';
  const detail = error.error_detail ?? error.error_description;
  return `${error.error ?? error.message}${detail ? `: ${detail}` : ''}`;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  return path === '' ? '/' : path;
}

function logEntry(req: IncomingMessage, res: ServerResponse, path: string, started: Date, found: RequestNote | undefined): LogEntry {
  const status = res.statusCode;
  const outcome = found?.outcome ?? (status >= 500 ? 'error' : status >= 400 ? 'refused' : 'ok');
  const reasons = found?.verdicts?.map((verdict) => verdict.reason);
  return {
    time: started.toISOString(),
    method: req.method ?? 'GET',
    endpoint: endpointOf(path),
    path: path.length > 200 ? `${path.slice(0, 199)}…` : path,
    status,
    outcome,
    ...(found?.reason ? { reason: found.reason } : {}),
    ...(reasons && reasons.length > 0 ? { reasons } : {}),
    message: found?.message ?? (status === 404 ? 'not found' : status >= 400 ? `HTTP ${status}` : 'served'),
    ...(found?.line !== undefined ? { line: found.line } : {}),
  };
}

function serveLogo(res: ServerResponse, logo: ServeOptions['logo']): void {
  if (!logo) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no logo\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': logo.contentType,
    'Content-Length': logo.bytes.length,
    'X-Content-Type-Options': 'nosniff',
    // An SVG logo opened on its own runs nothing and loads nothing.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'no-store',
  });
  res.end(logo.bytes);
}

/**
 * oidc-provider 9 runs on Node 20.19+, but warns on every release older than the 22 LTS when it is
 * loaded; that one line is dropped, so the banner and the log stay the server's own.
 */
let providerModule: Promise<ProviderModule> | undefined;

/** Starts loading oidc-provider (it takes a while to compile), so it overlaps the lint and the logo before the server starts. */
export function loadProvider(): Promise<ProviderModule> {
  providerModule ??= importProvider();
  return providerModule;
}

async function importProvider(): Promise<ProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return (await import('oidc-provider')) as ProviderModule;
  } finally {
    console.warn = warn;
  }
}
