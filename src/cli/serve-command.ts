import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { registrationFrom } from '../check-request/index.js';
import { createConfigFinder } from '../config/find.js';
import { lint } from '../engine/lint.js';
import { UsageError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import { mask } from '../secrets/redact.js';
import { loadFormatter } from '../report/index.js';
import { ruleDocsUrl, shippedSettings, formatOptions } from '../resources.js';
import { readManifest, resolveInputs } from './files.js';
import { ExitCode, type ProcessIo } from './process-io.js';
import { colorLevel } from './options.js';
import { createServices } from './services.js';
import { preparePreview } from './preview-command.js';

export interface ServeCommandOptions {
  file?: string;
  port: number;
  autoApprove: boolean;
  clientId?: string;
  clientSecret?: string;
  accessTokenTtl: number;
  logFormat: 'text' | 'json';
  timeoutMs?: number;
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  stopped?: Promise<unknown>;
  /** Told the server's addresses once it listens (tests). */
  onListening?: (server: { issuer: string; clientId: string; clientSecret?: string }) => void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', svg: 'image/svg+xml' };

/**
 * `pleo-register serve [file]`: lints the manifest (errors: no server, exit 1, with the report), then
 * runs a local authorization server with its one client until interrupted. The banner goes to
 * stderr, one log line per request to stdout.
 */
export async function runServe(options: ServeCommandOptions, version: string, io: ProcessIo): Promise<number> {
  if (options.file === '-') throw new UsageError('serve needs the manifest as a file (its logo is found beside it), not stdin');
  const inputs = await resolveInputs(options.file === undefined ? [] : [options.file], io.cwd, '<stdin>');
  if (inputs.length !== 1) throw new UsageError(`serve runs one registration, and '${options.file}' holds ${inputs.length}; name one of them`);
  const input = inputs[0]!;
  const manifestPath = input.path!;
  const serve = await import('../serve/index.js');
  // Compiling oidc-provider overlaps the lint and the logo; a manifest with errors just drops it.
  serve.loadProvider().catch(() => undefined);
  const bytes = await readManifest(input, io);

  const config = await createConfigFinder().forManifest(manifestPath);
  const settings = shippedSettings(config?.scopes);
  const world = createServices({ online: false, version });
  const result = await lint(bytes, { file: input.file, severities: { ...config?.rules }, settings, docsUrl: ruleDocsUrl }, world.forManifest(dirname(manifestPath))).finally(() => world.close());
  if (result.errorCount > 0) {
    const stylish = await loadFormatter('stylish', colorLevel(undefined, io.env, io.stdout.isTTY === true));
    io.stdout.write(stylish([result], formatOptions(version)));
    io.stderr.write(`pleo-register: ${input.file} has errors, so no server was started; fix them first (Pleo would refuse this registration too)\n`);
    return ExitCode.Problems;
  }
  if (result.warningCount > 0) {
    io.stderr.write(`pleo-register: ${input.file} has ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'}; 'pleo-register lint ${input.file}' lists them\n`);
  }

  const { input: preview } = await preparePreview({ file: input.file, offline: false, timeoutMs: options.timeoutMs }, version, io);
  const registration = registrationFrom(parseManifest(bytes), options.clientId ?? defaultClientId(preview.data.client_name));
  const confidential = registration.clientType === 'confidential';
  const clientSecret = confidential ? (options.clientSecret ?? randomBytes(24).toString('base64url')) : undefined;
  if (!confidential && options.clientSecret !== undefined) io.stderr.write('pleo-register: --client-secret ignored: the manifest registers a public client, which has no secret\n');

  const { startServer, consentContent, formatLogEntry } = serve;
  const logo = preview.logo?.bytes ? { bytes: preview.logo.bytes, contentType: CONTENT_TYPES[preview.logo.format ?? ''] ?? 'application/octet-stream' } : undefined;
  const consent = consentContent(preview.data, settings.scopes, logo ? { available: true } : { available: false, why: preview.logo?.unavailable ?? 'none given' });
  const server = await startServer({
    registration,
    clientId: registration.clientId!,
    ...(clientSecret ? { clientSecret } : {}),
    consent,
    ...(logo ? { logo } : {}),
    port: options.port,
    autoApprove: options.autoApprove,
    accessTokenTtl: options.accessTokenTtl,
    log: (entry) => io.stdout.write(formatLogEntry(entry, options.logFormat, input.file)),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
      throw new UsageError(`cannot listen on 127.0.0.1:${options.port} (${error.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}); choose another with --port (0: any free port)`);
    }
    throw error;
  });

  const secretLine = !clientSecret
    ? '  client secret  none: a public client authenticates with PKCE alone'
    : options.clientSecret !== undefined
      ? `  client secret  as given with --client-secret (${mask(clientSecret)})`
      : `  client secret  ${clientSecret}   (new on every start; put it in the app's local config, or fix one with --client-secret)`;
  io.stderr.write(
    [
      `pleo-register serve: ${input.file} (${registration.environment}, ${registration.clientType} client), listening`,
      `  issuer         ${server.issuer}${server.ipv6 ? `   (also http://[::1]:${server.port})` : ''}`,
      `  discovery      ${server.discoveryUrl}   point the app's OAuth library here`,
      `  client id      ${registration.clientId}`,
      secretLine,
      `  authorization  ${server.issuer}/auth   the app sends the user here (response_type=code, PKCE S256, state)${options.autoApprove ? '; --auto-approve: no pages, allowed at once' : ''}`,
      `  token          ${server.issuer}/token   the app exchanges the code, and refreshes (the refresh token rotates)`,
      `  revocation     ${server.issuer}/token/revocation   introspection ${server.issuer}/token/introspection`,
      `  redirect URIs  ${registration.redirectUris.join(', ')}`,
      `  scopes         ${registration.scopes.join(' ')}`,
      'Not Pleo: tokens are opaque and open no Pleo API. Ctrl-C stops the server.',
      '',
    ].join('\n'),
  );
  options.onListening?.({ issuer: server.issuer, clientId: registration.clientId!, ...(clientSecret ? { clientSecret } : {}) });
  await (options.stopped ?? untilSignal());
  await server.close();
  return ExitCode.Ok;
}

/** `local-acme-books` for "Acme Books": recognisable in the app's config, and plainly not Pleo's. */
export function defaultClientId(name: unknown): string {
  const slug = typeof name === 'string' ? name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) : '';
  return `local-${slug || 'client'}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
