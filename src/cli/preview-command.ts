import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { compareProblems, countBySeverity, type FileResult } from '../diagnostics.js';
import { createConfigFinder } from '../config/find.js';
import { lint, type LintServices } from '../engine/lint.js';
import { UsageError } from '../errors.js';
import type { LogoInspection } from '../logo/types.js';
import { parseManifest, parseText } from '../manifest/parse.js';
import { isIoRule, type Rule } from '../rules/define-rule.js';
import { allRules as rules, rulesById } from '../engine/rule-list.js';
import { ruleDocsUrl, shippedSettings } from '../resources.js';
import type { HttpClient } from '../services/http.js';
import type { ConsentScreenInput } from '../preview/index.js';
import { readManifest, resolveInputs } from './files.js';
import { ExitCode, type ProcessIo } from './process-io.js';

export interface PreviewOptions {
  /** The manifest; default ./pleo-client.yaml (or .yml); "-" reads stdin (a relative logo then resolves against cwd). */
  file?: string;
  /** Where to write the PNG, relative to cwd; default preview.png. */
  out?: string;
  /** Do not fetch a logo given as an https URL (the picture then shows a placeholder). */
  offline?: boolean;
  /** Time limit for each phase of the logo request; default 5000 ms. */
  timeoutMs?: number;
  /** --allow-outside-logo: a local logo may lie outside the manifest's repository. */
  allowOutsideLogo?: boolean;
}

export const DEFAULT_PREVIEW_FILE = 'preview.png';

/**
 * `pleo-register preview [file] [--out preview.png]`: lints the manifest, then draws the consent
 * screen with the problems as callouts. Exit 0 whatever lint found (the picture shows it), 2 when the
 * command cannot run (no manifest, an unwritable --out, a bad configuration).
 */
export async function runPreview(options: PreviewOptions, version: string, io: ProcessIo): Promise<number> {
  try {
    return await preview(options, version, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`pleo-register: ${error.message}\n`);
    return ExitCode.Failure;
  }
}

async function preview(options: PreviewOptions, version: string, io: ProcessIo): Promise<number> {
  const outPath = resolve(io.cwd, options.out ?? DEFAULT_PREVIEW_FILE);
  if (await stat(outPath).then((s) => s.isDirectory(), () => false)) throw new UsageError(`--out '${options.out}' is a folder; name the PNG file to write`);
  const { file, input } = await preparePreview(options, version, io);
  const { renderConsentScreen } = await import('../preview/index.js');
  const png = await renderConsentScreen(input);
  try {
    await mkdir(dirname(outPath), { recursive: true });
    await writeFile(outPath, png);
  } catch (error) {
    throw new UsageError(`cannot write '${options.out ?? DEFAULT_PREVIEW_FILE}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const fromCwd = relative(io.cwd, outPath);
  const shown = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : outPath;
  const count = input.problems.length;
  const found = count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'} drawn as callouts`;
  io.stderr.write(`Wrote ${shown}: the consent screen of ${file}, ${found}\n`);
  return ExitCode.Ok;
}

/**
 * Lints the manifest and gathers what the picture needs: the data (secrets masked as in lint's
 * report), the problems, the logo's bytes, the scope catalogue (with the configuration's scopes).
 */
export async function preparePreview(options: PreviewOptions, version: string, io: ProcessIo): Promise<{ file: string; input: ConsentScreenInput }> {
  const inputs = await resolveInputs(options.file === undefined ? [] : [options.file], io.cwd, '<stdin>');
  if (inputs.length !== 1) throw new UsageError(`preview draws one manifest, and '${options.file}' holds ${inputs.length}; name one of them`);
  const input = inputs[0]!;
  const manifestPath = input.path ?? resolve(io.cwd, 'pleo-client.yaml');
  const manifestDir = dirname(manifestPath);
  const config = await createConfigFinder().forManifest(manifestPath);
  const settings = shippedSettings(config?.scopes);
  const bytes = await readManifest(input, io);
  const parsed = parseManifest(bytes);
  const logoValue = parsed.data?.logo;
  const fetchLogo = !options.offline && typeof logoValue === 'string' && /^https:\/\//i.test(logoValue.trim());

  // The network is used for one thing only, the logo, and only when it is an https URL: through the
  // guarded client (special-use addresses refused, bounded, https only), loaded on first use.
  let client: Promise<HttpClient> | undefined;
  const request: LintServices['request'] = async (url, requestOptions) => {
    client ??= import('../services/http.js').then(({ createHttpClient }) => createHttpClient({ timeoutMs: options.timeoutMs, version }));
    return (await client).request(url, requestOptions);
  };
  const noRequest: LintServices['request'] = () => Promise.reject(new Error('preview requests nothing but an https logo'));
  // The picture draws the very bytes the loader confined and inspected: the file is not read again,
  // so one swapped in meanwhile (another image, a link out of the repository) is never drawn.
  let logo: { inspection: LogoInspection; bytes?: Uint8Array } | undefined;
  const loadLogo = (online: boolean) => async (value: unknown) => {
    const { createLogoLoader } = await import('../logo/load.js');
    let bytes: Uint8Array | undefined;
    const inspection = await createLogoLoader({
      manifestDir,
      online,
      request: online ? request : noRequest,
      allowOutside: options.allowOutsideLogo === true,
      onInspectedBytes: (inspected) => (bytes = inspected),
    })(value);
    logo = { inspection, bytes };
    return inspection;
  };

  const lintOptions = { file: input.file, severities: { ...config?.rules }, settings, docsUrl: ruleDocsUrl };
  let result: FileResult;
  try {
    // Offline: no link is checked. A local logo is read and inspected as lint does.
    result = await lint(bytes, lintOptions, { online: false, request: noRequest, loadLogo: loadLogo(false) });
    if (fetchLogo) {
      // The logo rules again, online, for the URL logo alone (the engine masks the manifest's secrets in any run).
      const logoRules = rules.filter((rule) => isIoRule(rule) && rule.requires.includes('image'));
      const logoResult = await lint(bytes, { ...lintOptions, rules: logoRules }, { online: true, request, loadLogo: loadLogo(true) });
      result = withLogoProblems(result, logoResult, new Set(logoRules.map((rule) => rule.id)));
    }
    if (logo === undefined && typeof logoValue === 'string') await loadLogo(fetchLogo)(logoValue); // logo rules turned off
  } finally {
    if (client) await (await client).close();
  }

  // What the picture shows of the manifest is what lint's report shows: secrets masked.
  const data = result.source === parsed.text ? (parsed.data ?? {}) : (parseText(result.source).data ?? {});
  return {
    file: input.file,
    input: {
      data,
      problems: result.problems,
      logo: logoForPicture(logo?.inspection, logo?.bytes),
      catalogue: settings.scopes,
      skipped: result.skipped,
    },
  };
}

/** The offline run's result with the online logo run's logo problems in place of "skipped". */
function withLogoProblems(offline: FileResult, online: FileResult, logoRules: ReadonlySet<string>): FileResult {
  const problems = [...offline.problems, ...online.problems.filter((p) => logoRules.has(p.ruleId))].sort(compareProblems);
  const skipped = offline.skipped.filter((s) => !(logoRules.has(s.ruleId) && s.reason === 'offline'));
  return { ...offline, problems, skipped, ...countBySeverity(problems) };
}

/** The inspected bytes when they decoded; otherwise the words for the placeholder. */
function logoForPicture(inspection: LogoInspection | undefined, bytes: Uint8Array | undefined): ConsentScreenInput['logo'] {
  if (inspection === undefined || inspection.kind === 'absent') return undefined;
  switch (inspection.kind) {
    case 'image':
      return bytes ? { bytes, format: inspection.format } : { unavailable: 'could not be read' };
    case 'offline':
      return { unavailable: 'URL not fetched' };
    case 'unreadable':
      return { unavailable: UNREADABLE[inspection.reason] };
    case 'not-an-image':
      return { unavailable: 'not an image' };
    case 'too-many-pixels':
      return { unavailable: 'too many pixels' };
    case 'too-costly':
      return { unavailable: 'too costly to decode' };
    case 'undecodable':
      return { unavailable: 'does not decode' };
    case 'undecoded-format':
      return { unavailable: `${inspection.format.toUpperCase()} not shown` };
    case 'no-decoder':
      return { unavailable: 'no image decoder' };
  }
}

const UNREADABLE: Readonly<Record<Extract<LogoInspection, { kind: 'unreadable' }>['reason'], string>> = {
  missing: 'file not found',
  'not-a-file': 'not a file',
  'too-large': 'file too large',
  'absolute-path': 'absolute path',
  'outside-repository': 'outside the repository',
  'not-https': 'only https: is fetched',
  'fetch-failed': 'could not be fetched',
  'read-failed': 'could not be read',
};
