import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CHECK_REQUEST_DOCS_ANCHOR, judgeAuthorizationRequest, registrationFrom, verdictsAsResult } from '../check-request/index.js';
import { docsSectionUrl, formatOptions } from '../resources.js';
import { UsageError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import { loadFormatter } from '../report/index.js';
import { readManifest, resolveInputs } from './files.js';
import { ExitCode, type ProcessIo } from './process-io.js';
import { colorLevel, type FormatTarget } from './options.js';

export interface CheckRequestOptions {
  /** The authorization URL the app builds. */
  url: string;
  /** The manifest; default ./pleo-client.yaml (or .yml); "-" reads stdin. */
  file?: string;
  /** The client id the app was given; without it, any client id passes. */
  clientId?: string;
  formats: FormatTarget[];
  maxWarnings: number;
  color?: boolean;
}

/**
 * `pleo-register check-request <authorization-url> [file]`: what a server holding this registration
 * would refuse in the URL, and why, in any report format. No network. Exit 1 on a refusal (or too
 * many warnings), 2 when the URL or the manifest cannot be read.
 */
export async function runCheckRequest(options: CheckRequestOptions, version: string, io: ProcessIo): Promise<number> {
  const url = parseAuthorizationUrl(options.url);
  const formats = options.formats.length > 0 ? options.formats : [{ name: 'stylish' as const }];
  if (formats.filter((format) => !format.path).length > 1) throw new UsageError('only one format can go to stdout; write the others to files (--format sarif=report.sarif)');
  const inputs = await resolveInputs(options.file === undefined ? [] : [options.file], io.cwd, '<stdin>');
  if (inputs.length !== 1) throw new UsageError(`check-request judges against one manifest, and '${options.file}' holds ${inputs.length}; name one of them`);
  const input = inputs[0]!;
  const parsed = parseManifest(await readManifest(input, io));
  if (!parsed.data) throw new UsageError(`'${input.file}' is not a usable manifest; run pleo-register lint ${input.file}`);
  const registration = registrationFrom(parsed, options.clientId);
  const verdicts = judgeAuthorizationRequest(url.searchParams, registration);
  const result = verdictsAsResult(verdicts, input.file, parsed.text, registration.environment, docsSectionUrl(CHECK_REQUEST_DOCS_ANCHOR));

  for (const format of formats) {
    const color = format.path ? 0 : colorLevel(options.color, io.env, io.stdout.isTTY === true);
    const text = (await loadFormatter(format.name, color))([result], formatOptions(version));
    if (!format.path) io.stdout.write(text);
    else {
      const path = resolve(io.cwd, format.path);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      } catch (error) {
        throw new UsageError(`cannot write '${format.path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  }
  if (result.errorCount > 0) return ExitCode.Problems;
  if (options.maxWarnings >= 0 && result.warningCount > options.maxWarnings) {
    io.stderr.write(`pleo-register: ${result.warningCount} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
    return ExitCode.Problems;
  }
  return ExitCode.Ok;
}

/** An absolute http(s) URL, or a one-line usage error. */
function parseAuthorizationUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(`'${text.length > 80 ? `${text.slice(0, 79)}…` : text}' is not an absolute URL; give the whole authorization URL the app builds, in quotes`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`the authorization URL must be http: or https:, not ${url.protocol}`);
  return url;
}
