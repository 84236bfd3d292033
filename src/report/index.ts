import { loadPalette, type ColorLevel } from './ansi.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

/**
 * Every report format, loaded when asked for: a run that prints stylish never loads SARIF's
 * rule tables or node:crypto for fingerprints, and chalk only when the report is in colour.
 */
const loaders = {
  stylish: async (color: ColorLevel) => {
    const [{ stylishReportWith }, paint] = await Promise.all([import('./stylish.js'), loadPalette(color)]);
    return stylishReportWith(paint);
  },
  json: async () => (await import('./json.js')).jsonReport,
  sarif: async () => (await import('./sarif.js')).sarifReport,
  junit: async () => (await import('./junit.js')).junitReport,
  github: async () => (await import('./github.js')).githubReport,
  gitlab: async () => (await import('./gitlab.js')).gitlabReport,
} satisfies Record<string, (color: ColorLevel) => Promise<ReportFormat>>;

export type FormatName = keyof typeof loaders;
export const FORMAT_NAMES = Object.keys(loaders) as FormatName[];

/** The format, to write a report a file at a time; `color` is the colour level of the formats that colour (stylish). */
export function loadReportFormat(name: FormatName, color: ColorLevel = 0): Promise<ReportFormat> {
  return loaders[name](color);
}

/** The format's formatter: the whole report from the whole result list. */
export async function loadFormatter(name: FormatName, color: ColorLevel = 0): Promise<Formatter> {
  return wholeReport(await loadReportFormat(name, color));
}
