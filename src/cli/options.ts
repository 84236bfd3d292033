import { SEVERITY_SETTINGS, type SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { FORMAT_NAMES, type FormatName } from '../report/index.js';
import { rulesById } from '../rules/index.js';
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
