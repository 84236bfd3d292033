import { dirname, resolve } from 'node:path';
import { createConfigFinder } from '../config/find.js';
import { lint, type LintServices } from '../engine/lint.js';
import { UsageError } from '../errors.js';
import { dcrJson, exportDcr, exportForm, keysWithSecrets, manifestSecrets } from '../export/index.js';
import { createLogoLoader } from '../logo/load.js';
import { parseManifest } from '../manifest/parse.js';
import { loadFormatter } from '../report/index.js';
import { ruleDocsUrl, shippedSettings, formatOptions } from '../resources.js';
import { readManifest, resolveInputs } from './files.js';
import { ExitCode, type ProcessIo } from './process-io.js';
import { colorLevel } from './options.js';

export const EXPORT_FORMATS = ['form', 'dcr'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** The manifest; default ./pleo-client.yaml (or .yml); "-" reads stdin. */
  file?: string;
  as: ExportFormat;
  /** Export even when the manifest has lint errors. */
  force: boolean;
  /** --config: this configuration instead of the nearest .pleo-register.yaml. */
  config?: string;
  /** The name to report for stdin. */
  stdinFilename?: string;
  /** --allow-outside-logo: a local logo may lie outside the manifest's repository. */
  allowOutsideLogo?: boolean;
}

/** No export run reaches the network: rules that need it are skipped, and a URL logo is not fetched. */
const noNetwork: LintServices['request'] = () => Promise.reject(new Error('export never uses the network'));

/**
 * `pleo-register export [file] --as form|dcr [--force]`: lints the manifest as `lint --offline` does
 * (its configuration included; a local logo file is checked), then prints the registration on stdout.
 * With lint errors it exports nothing, prints the report and one line about `--force` on stderr, and
 * exits 1; `--force` exports anyway (the report still goes to stderr). Warnings do not stop it. The
 * values exported are the ones --fix would write.
 */
export async function runExport(options: ExportOptions, version: string, io: ProcessIo): Promise<number> {
  if (!EXPORT_FORMATS.includes(options.as)) throw new UsageError(`unknown export format '${String(options.as)}'; choose form or dcr`);
  const inputs = await resolveInputs(options.file === undefined ? [] : [options.file], io.cwd, options.stdinFilename ?? '<stdin>');
  if (inputs.length !== 1) throw new UsageError(`export takes one manifest, and '${options.file}' names ${inputs.length}`);
  const input = inputs[0]!;
  const manifestPath = input.path ?? resolve(io.cwd, 'pleo-client.yaml');
  const configs = createConfigFinder();
  const config = options.config ? await configs.explicit(resolve(io.cwd, options.config)) : await configs.forManifest(manifestPath);
  const settings = shippedSettings(config?.scopes);
  // The values --fix would write (trimmed, each list item once): what Pleo's form or a registration
  // endpoint should receive, not a space or a duplicate the lint only warns about.
  const { fixBytes } = await import('../fix/index.js');
  const bytes = fixBytes(await readManifest(input, io), settings, { severities: { ...config?.rules } }).bytes;

  const loadLogo = createLogoLoader({ manifestDir: dirname(manifestPath), online: false, request: noNetwork, allowOutside: options.allowOutsideLogo === true });
  const result = await lint(
    bytes,
    { file: input.file, severities: { ...config?.rules }, settings, docsUrl: ruleDocsUrl },
    { online: false, request: noNetwork, loadLogo },
  );
  const parsed = parseManifest(bytes);
  const data = parsed.data;
  const stylish = await loadFormatter('stylish', colorLevel(undefined, io.env, io.stderr.isTTY === true));
  const report = () => io.stderr.write(stylish([result], formatOptions(version)));
  const errors = plural(result.errorCount, 'error');

  if (result.errorCount > 0 && !(options.force && data)) {
    report();
    io.stderr.write(
      data
        ? `pleo-register: not exported: ${input.file} has ${errors}; fix ${result.errorCount === 1 ? 'it' : 'them'}, or pass --force to export anyway\n`
        : `pleo-register: cannot export ${input.file}: it is not a YAML mapping of the manifest's keys, even with --force\n`,
    );
    return ExitCode.Problems;
  }
  if (!data) {
    // Only when yaml-syntax is turned off: nothing reported, nothing to export.
    io.stderr.write(`pleo-register: cannot export ${input.file}: it is not a YAML mapping of the manifest's keys\n`);
    return ExitCode.Problems;
  }
  // An export prints values whole, so it cannot mask a credential as a report does: it prints none, even with --force.
  const withSecrets = keysWithSecrets(data, manifestSecrets(data, parsed.comments));
  if (withSecrets.length > 0) {
    report();
    io.stderr.write(`pleo-register: not exported: ${input.file} holds a credential in ${withSecrets.join(', ')}, which an export would print whole; remove it (not even --force prints one)\n`);
    return ExitCode.Problems;
  }
  if (result.errorCount > 0) {
    report();
    io.stderr.write(`pleo-register: exported despite ${errors} (--force)\n`);
  } else if (result.warningCount > 0) {
    io.stderr.write(`pleo-register: ${plural(result.warningCount, 'warning')}; 'pleo-register lint ${input.file}' shows them\n`);
  }

  if (options.as === 'form') {
    io.stdout.write(exportForm(data, settings.scopes));
  } else {
    const { metadata, notes } = exportDcr(data);
    for (const note of notes) io.stderr.write(`// note: ${note}\n`);
    io.stdout.write(dcrJson(metadata));
  }
  return ExitCode.Ok;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
