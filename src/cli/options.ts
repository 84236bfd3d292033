import { SEVERITY_SETTINGS, type SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { FORMAT_NAMES, type FormatName } from '../report/index.js';
import { rulesById } from '../engine/rule-list.js';
import { closest } from '../text/suggest.js';

export interface FormatTarget {
  name: FormatName;
  /** Written to this file; stdout when absent. */
  path?: string;
}

/** `--format json` or `--format sarif=report.sarif`. */
export function parseFormat(value: string): FormatTarget {
  const [name, ...rest] = value.split('=');
  const path = rest.join('=');
  if (!FORMAT_NAMES.includes(name as FormatName)) {
    const guess = closest(name!, FORMAT_NAMES);
    throw new UsageError(`unknown format '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; choose one of ${FORMAT_NAMES.join(', ')}`);
  }
  if (rest.length > 0 && path === '') throw new UsageError(`--format ${value}: give a file name after '='`);
  return { name: name as FormatName, ...(path ? { path } : {}) };
}

/** `--rule redirect-uri-query=off` → ['redirect-uri-query', 'off']. */
export function parseRuleSetting(value: string): [string, SeveritySetting] {
  const match = /^([^=\s]+)=([a-z]+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--rule '${value}': write it as <rule-id>=<${SEVERITY_SETTINGS.join('|')}>`);
  const [, id, severity] = match as unknown as [string, string, string];
  if (!rulesById.has(id)) {
    const guess = closest(id, rulesById.keys());
    throw new UsageError(`--rule '${value}': unknown rule '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; 'pleo-register rules' lists them`);
  }
  if (!SEVERITY_SETTINGS.includes(severity as SeveritySetting)) {
    throw new UsageError(`--rule '${value}': unknown severity '${severity}'; use ${SEVERITY_SETTINGS.join(', ')}`);
  }
  return [id, severity as SeveritySetting];
}

export function parseTimeout(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 600_000) {
    throw new UsageError(`--timeout '${value}': give milliseconds between 1 and 600000`);
  }
  return Number(value);
}

export function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--max-warnings '${value}': give a whole number (-1 for no limit)`);
  return Number(value);
}

/**
 * The colour level: `--color`/`--no-color` win, then NO_COLOR (any value), then FORCE_COLOR
 * (0–3, or true/false), then whether stdout is a terminal.
 */
export function colorLevel(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  const force = env.FORCE_COLOR;
  const forced = force === undefined ? undefined : force === '' || force === 'true' ? 1 : force === 'false' ? 0 : Math.min(3, Math.max(0, Number(force) || 0));
  if (flag === true) return (forced || 1) as 1 | 2 | 3;
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (forced !== undefined) return forced as 0 | 1 | 2 | 3;
  return isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

const EXTENSION: Readonly<Record<FormatName, string>> = { stylish: 'txt', json: 'json', sarif: 'sarif', junit: 'xml', github: 'txt', gitlab: 'json' };

/** Formats whose report is one document (JSON, XML): another report beside it on stdout breaks it. */
const DOCUMENTS: readonly FormatName[] = ['json', 'sarif', 'junit', 'gitlab'];

/** `-f sarif=report.sarif`: how to write a format to a file instead, for the messages below. */
const toFile = (name: FormatName) => `-f ${name}=report.${EXTENSION[name]}`;

/**
 * The reports a lint writes, from `--format` (default stylish) and `-o/--output-file` (ESLint's way
 * to write the one format to a file). A document report (JSON, SARIF, JUnit, GitLab) goes to stdout
 * alone, and none beside the diff of --fix-dry-run: two back to back are neither format. The line
 * formats may share it: GitHub reads its annotations from among the lines of stylish.
 */
export function formatTargets(formats: readonly FormatTarget[], options: { outputFile?: string; fixDryRun?: boolean } = {}): FormatTarget[] {
  let targets = formats.length > 0 ? [...formats] : [{ name: 'stylish' as const }];
  if (options.outputFile !== undefined) {
    if (targets.length > 1) throw new UsageError(`-o/--output-file writes one format; name a file for each instead: ${targets.map((t) => toFile(t.name)).join(' ')}`);
    if (targets[0]!.path) throw new UsageError(`--format ${targets[0]!.name}=${targets[0]!.path} already names a file; drop -o/--output-file`);
    targets = [{ name: targets[0]!.name, path: options.outputFile }];
  }
  const toStdout = targets.filter((target) => !target.path);
  if (options.fixDryRun) {
    const report = toStdout.find((target) => target.name !== 'stylish');
    if (report) throw new UsageError(`--fix-dry-run prints a diff on stdout; write the ${report.name} report to a file: ${toFile(report.name)}`);
  } else if (toStdout.length > 1 && toStdout.some((target) => DOCUMENTS.includes(target.name))) {
    // Keep one on stdout (the line formats, if any), and name a file for every other document.
    const kept = toStdout.find((target) => !DOCUMENTS.includes(target.name)) ?? toStdout[0]!;
    const rest = toStdout.filter((target) => target !== kept && DOCUMENTS.includes(target.name));
    const names = toStdout.map((t) => t.name);
    const both = names.length === 2 ? `${names[0]} and ${names[1]} would both` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} would all`;
    throw new UsageError(`${both} print on stdout, where a JSON or XML report must be alone: ${rest.map((t) => toFile(t.name)).join(' ')}`);
  }
  return targets;
}
