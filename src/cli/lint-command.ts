import { ExitCode, type ProcessIo } from './process-io.js';
import { dirname, resolve } from 'node:path';
import { countBySeverity, type FileResult, type SeveritySetting } from '../diagnostics.js';
import { createConfigFinder } from '../config/find.js';
import type { Config } from '../config/config.js';
import { lint } from '../engine/lint.js';
import type { RuleSettings } from '../rules/define-rule.js';
import { ruleDocsUrl, shippedSettings, formatOptions } from '../resources.js';
import { UsageError } from '../errors.js';
import { loadReportFormat } from '../report/index.js';
import { colorLevel, formatTargets, type FormatTarget } from './options.js';
import { DEFAULT_MAX_FILES, readManifest, resolveInputs, type ManifestInput } from './files.js';
import { mapInOrder } from './map-in-order.js';
import { appendSink, drained, fileSink, openReport, streamSink, type ReportOutput } from './report-output.js';
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


/** Lints, writes every requested report a file at a time, and returns the exit code. */
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
  // Every configuration first: one that is wrong ends the run before any report is begun.
  if (options.config) await configs.explicit(resolve(io.cwd, options.config));
  else for (const input of inputs) await configs.forManifest(input.path ?? resolve(io.cwd, 'pleo-client.yaml'));
  // Each result is written to every report as soon as those before it are, then dropped: memory
  // does not grow with the number of manifests.
  const reports = await openReports(formats, options, version, io);
  const world = createServices({
    online: !options.offline,
    timeoutMs: options.timeoutMs,
    networkBudgetMs: options.networkBudgetMs,
    version,
    allowOutsideLogo: options.allowOutsideLogo === true,
    // Offline, nothing is fetched and there is no progress to show (nor stderr to open for it).
    progress: !options.offline && io.stderr.isTTY ? io.stderr : undefined,
  });
  const lintOne = async (input: ManifestInput) => {
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
    return { result, diff, fixes };
  };

  const totals = { errors: 0, warnings: 0, fixes: 0, fixedFiles: 0 };
  try {
    for await (const { result, diff, fixes } of mapInOrder(inputs, 16, lintOne)) {
      if (diff) io.stdout.write(diff);
      totals.fixes += fixes;
      if (fixes > 0) totals.fixedFiles++;
      const reported = options.quiet ? errorsOnly(result) : result;
      totals.errors += reported.errorCount;
      totals.warnings += reported.warningCount;
      for (const report of reports) report.file(reported);
      await drained(io.stdout);
    }
  } catch (error) {
    for (const report of reports) report.abandon();
    throw error;
  } finally {
    await world.close();
  }
  if (options.fix) {
    const { fixes, fixedFiles } = totals;
    io.stderr.write(`pleo-register: ${fixes} fix${fixes === 1 ? '' : 'es'} written to ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);
  }
  for (const [index, report] of reports.entries()) {
    try {
      await report.end();
    } catch (error) {
      // One report that cannot be written ends the run; the others leave no half-written file.
      for (const rest of reports.slice(index + 1)) rest.abandon();
      throw error;
    }
  }

  if (totals.errors > 0) return ExitCode.Problems;
  if (options.maxWarnings >= 0 && totals.warnings > options.maxWarnings) {
    io.stderr.write(`pleo-register: ${totals.warnings} warnings, more than --max-warnings ${options.maxWarnings} allows\n`);
    return ExitCode.Problems;
  }
  return ExitCode.Ok;
}

/**
 * A report per format, and the GitHub step summary beside the `github` format. On stdout the first
 * report streams; a --fix-dry-run diff goes first, and any later report waits for the end.
 */
async function openReports(formats: readonly FormatTarget[], options: LintCommandOptions, version: string, io: ProcessIo): Promise<ReportOutput[]> {
  const reports: ReportOutput[] = [];
  const reportOptions = formatOptions(version);
  let stdoutTaken = options.fixDryRun === true;
  try {
    for (const format of formats) {
      const color = format.path ? 0 : colorLevel(options.color, io.env, io.stdout.isTTY === true);
      const stream = (await loadReportFormat(format.name, color))(reportOptions);
      if (format.path) reports.push(openReport(stream, fileSink(resolve(io.cwd, format.path))));
      else {
        reports.push(openReport(stream, streamSink(io.stdout), { holdAll: stdoutTaken }));
        stdoutTaken = true;
      }
    }
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary && formats.some((format) => format.name === 'github')) {
      const { githubStepSummaryReport } = await import('../report/github.js');
      reports.push(openReport(githubStepSummaryReport(reportOptions), appendSink(resolve(io.cwd, summary))));
    }
  } catch (error) {
    for (const report of reports) report.abandon();
    throw error;
  }
  return reports;
}

function errorsOnly(result: FileResult): FileResult {
  const problems = result.problems.filter((p) => p.severity === 'error');
  return { ...result, problems, ...countBySeverity(problems) };
}
