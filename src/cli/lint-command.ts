import { ExitCode, type ProcessIo } from './process-io.js';
import { dirname, resolve } from 'node:path';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { countBySeverity, type FileResult, type SeveritySetting } from '../diagnostics.js';
import { createConfigFinder } from '../config/find.js';
import type { Config } from '../config/config.js';
import { lint } from '../engine/lint.js';
import type { RuleSettings } from '../rules/define-rule.js';
import { ruleDocsUrl, shippedSettings, formatOptions } from '../resources.js';
import { UsageError } from '../errors.js';
import { loadFormatter } from '../report/index.js';
import { colorLevel, formatTargets, type FormatTarget } from './options.js';
import { DEFAULT_MAX_FILES, mapLimit, readManifest, resolveInputs } from './files.js';
import { createServices } from './services.js';
import { schemaLocationFor } from './schema-location.js';
import { redactDiff } from '../secrets/manifest-secrets.js';

export interface LintCommandOptions {
  files: string[];
  formats: FormatTarget[];
  severities: Record<string, SeveritySetting>;
  quiet: boolean;
  maxWarnings: number;
  color?: boolean;
  stdinFilename?: string;
  offline: boolean;
  /** --timeout: per phase of each request, in milliseconds. */
  timeoutMs?: number;
  /** --network-budget: for all requests of the run, in milliseconds. */
  networkBudgetMs?: number;
  /** --config: one configuration for every manifest instead of the nearest one. */
  config?: string;
  /** --fix: apply the fixes that cannot change meaning, write changed files, report what remains. */
  fix?: boolean;
  /** --fix-dry-run: print the diff --fix would write, then report what would remain. */
  fixDryRun?: boolean;
  /** -o/--output-file: the one format's report goes to this file. */
  outputFile?: string;
  /** --fix-through-symlinks: --fix may replace the file a symbolic link points to, wherever it is. */
  fixThroughSymlinks?: boolean;
  /** --max-files: more manifests than this end the run (exit 2) before any is read. */
  maxFiles?: number;
  /** --allow-outside-logo: a local logo may lie outside the manifest's repository. */
  allowOutsideLogo?: boolean;
}


/** The formats that quote the manifest (code frames); the others never read a result's source. */
const FORMATS_QUOTING_SOURCE: readonly string[] = ['stylish'];

/** Lints, writes every requested report, and returns the exit code. */
export async function runLint(options: LintCommandOptions, version: string, io: ProcessIo): Promise<number> {
  if (options.fix && options.fixDryRun) throw new UsageError('give --fix or --fix-dry-run, not both');
  const formats = formatTargets(options.formats, { outputFile: options.outputFile, fixDryRun: options.fixDryRun });
  const inputs = await resolveInputs(options.files, io.cwd, options.stdinFilename ?? '<stdin>', {
    maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
    note: (text) => io.stderr.write(`pleo-register: ${text}\n`),
  });
  if (options.fix && inputs.some((input) => !input.path)) throw new UsageError('--fix cannot write back to stdin; use --fix-dry-run to see the changes');
  const configs = createConfigFinder();
  const catalogues = new Map<Config | undefined, RuleSettings>();
  const world = createServices({
    online: !options.offline,
    timeoutMs: options.timeoutMs,
    networkBudgetMs: options.networkBudgetMs,
    version,
    allowOutsideLogo: options.allowOutsideLogo === true,
    // Offline, nothing is fetched and there is no progress to show (nor stderr to open for it).
    progress: !options.offline && io.stderr.isTTY ? io.stderr : undefined,
  });
  // Every result is kept until the formats run; the source only where a format will quote it.
  const quotesSource = formats.some((format) => FORMATS_QUOTING_SOURCE.includes(format.name));
  let linted: { result: FileResult; diff: string; fixes: number }[];
  try {
    linted = await mapLimit(inputs, 16, async (input) => {
      const manifestPath = input.path ?? resolve(io.cwd, 'pleo-client.yaml');
      const config = options.config ? await configs.explicit(resolve(io.cwd, options.config)) : await configs.forManifest(manifestPath);
      if (!catalogues.has(config)) catalogues.set(config, shippedSettings(config?.scopes));
      const settings = catalogues.get(config)!;
      const severities = { ...config?.rules, ...options.severities };
      let bytes = await readManifest(input, io);
      let diff = '';
      let fixes = 0;
      if (options.fix || options.fixDryRun) {
        // Fixed before linting, as ESLint does, so the report shows what remains.
        const { fixBytes, unifiedDiff, writeFixedManifest } = await import('../fix/index.js');
        const fixed = fixBytes(bytes, settings, { version, severities, schemaLocation: schemaLocationFor(input.path ? dirname(input.path) : io.cwd, version) });
        if (fixed.bytes !== bytes) {
          fixes = fixed.fixes.length;
          if (options.fix) {
            const target = { file: input.file, path: input.path!, root: input.root ?? dirname(input.path!) };
            writeFixedManifest(target, fixed.after, { throughSymlinks: options.fixThroughSymlinks === true });
          } else diff = redactDiff(unifiedDiff(fixed.before, fixed.after, input.file), fixed.before);
          bytes = fixed.bytes;
        }
      }
      const result = await lint(bytes, { file: input.file, severities, settings, docsUrl: ruleDocsUrl }, world.forManifest(dirname(manifestPath)));
      return { result: quotesSource && result.problems.length > 0 ? result : { ...result, source: '' }, diff, fixes };
    });
  } finally {
    await world.close();
  }
  let results = linted.map((entry) => entry.result);
  if (options.fixDryRun) io.stdout.write(linted.map((entry) => entry.diff).join(''));
  if (options.fix) {
    const changed = linted.filter((entry) => entry.fixes > 0);
    const count = changed.reduce((n, entry) => n + entry.fixes, 0);
    io.stderr.write(`pleo-register: ${count} fix${count === 1 ? '' : 'es'} written to ${changed.length} file${changed.length === 1 ? '' : 's'}\n`);
  }
  if (options.quiet) results = results.map(errorsOnly);

  for (const format of formats) {
    const color = format.path ? 0 : colorLevel(options.color, io.env, io.stdout.isTTY === true);
    const text = (await loadFormatter(format.name, color))(results, formatOptions(version));
    if (!format.path) io.stdout.write(text);
    else await writeReport(resolve(io.cwd, format.path), text);
  }
  if (formats.some((format) => format.name === 'github')) await writeStepSummary(results, version, io);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return ExitCode.Problems;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr.write(`pleo-register: ${warnings} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
    return ExitCode.Problems;
  }
  return ExitCode.Ok;
}

function errorsOnly(result: FileResult): FileResult {
  const problems = result.problems.filter((p) => p.severity === 'error');
  return { ...result, problems, ...countBySeverity(problems) };
}

async function writeReport(path: string, text: string): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write '${path}': ${(error as Error).message}`);
  }
}

/**
 * GitHub Actions: the `github` format annotates at most 10 problems of a kind, so the full report goes to
 * the job summary. GitHub expects steps to append to `$GITHUB_STEP_SUMMARY`, never to overwrite it.
 */
async function writeStepSummary(results: readonly FileResult[], version: string, io: ProcessIo): Promise<void> {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  const { githubStepSummary } = await import('../report/github.js');
  try {
    appendFileSync(resolve(io.cwd, path), githubStepSummary(results, formatOptions(version)));
  } catch (error) {
    throw new UsageError(`cannot write the step summary '${path}': ${(error as Error).message}`);
  }
}
