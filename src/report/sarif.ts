import type { FileResult, Problem, Severity } from '../diagnostics.js';
import { problemFingerprints, reportPath } from './identity.js';
import { frame, indent } from './json-text.js';
import { wholeReport, type FormatOptions, type Formatter, type ReportFormat, type RuleInfo } from './types.js';

/** SARIF 2.1.0 as GitHub code scanning reads it (see docs.github.com "SARIF support for code scanning"). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our `partialFingerprints`; bump the version if the hashed fields ever change. */
export const FINGERPRINT_KEY = 'pleoRegister/v1';

type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export function toSarifLog(results: readonly FileResult[], options: FormatOptions) {
  const run = sarifRun(options);
  return run.log(results.flatMap((result) => run.add(result)));
}

/** The same document a file at a time: the head names the rules not run, so it waits for the last file. */
export const sarifReport: ReportFormat = (options) => {
  const run = sarifRun(options);
  let count = 0;
  return {
    headWaits: true,
    head: () => frame(run.log([])).head,
    file: (result) =>
      run
        .add(result)
        .map((item) => (count++ === 0 ? '\n' : ',\n') + indent(JSON.stringify(item, null, 2), 4))
        .join(''),
    tail: () => (count > 0 ? '\n      ' : '') + frame(run.log([])).tail + '\n',
  };
};

/** Every rule of the options, so `ruleIndex` and the rule help do not depend on what fired. */
export const sarif: Formatter = wholeReport(sarifReport);

/** One run's rules and notes, gathered as files are added; `log` writes the document around given results. */
function sarifRun(options: FormatOptions) {
  const descriptors = options.rules.map(describeRule);
  const indexById = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const notRun = new Map<string, { ruleId: string; reason: string; files: string[] }>();
  return {
    add(result: FileResult) {
      for (const skipped of result.skipped) {
        const key = `${skipped.ruleId}\0${skipped.reason}`;
        if (!notRun.has(key)) notRun.set(key, { ruleId: skipped.ruleId, reason: skipped.reason, files: [] });
        notRun.get(key)!.files.push(result.file);
      }
      const fingerprints = problemFingerprints(result);
      return result.problems.map((problem, i) => {
        // A result must point at a rule of the driver; a problem from a rule outside the list still gets one.
        if (!indexById.has(problem.ruleId)) {
          indexById.set(problem.ruleId, descriptors.length);
          descriptors.push(describeUnknownRule(problem));
        }
        return toSarifResult(result, problem, indexById.get(problem.ruleId)!, fingerprints[i]!);
      });
    },
    log(results: ReturnType<typeof toSarifResult>[]) {
      return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0' as const,
        runs: [
          {
            tool: {
              driver: {
                name: 'pleo-register',
                version: options.version,
                semanticVersion: options.version,
                informationUri: options.docsHome,
                rules: descriptors,
              },
            },
            invocations: [{ executionSuccessful: true, toolConfigurationNotifications: skippedNotifications(notRun, indexById) }],
            // Our columns count UTF-16 code units (JavaScript string offsets); say so rather than rely on the default.
            columnKind: 'utf16CodeUnits' as const,
            results,
          },
        ],
      };
    },
  };
}

function toSarifResult(result: FileResult, problem: Problem, ruleIndex: number, fingerprint: string) {
  const { line, column, endLine, endColumn } = problem.range;
  return {
    ruleId: problem.ruleId,
    ruleIndex,
    level: sarifLevel(problem.severity),
    message: { text: problem.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(result.file),
          region: { startLine: line, startColumn: column, endLine, endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { jsonPointer: problem.path, environment: result.environment },
  };
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function describeRule(rule: RuleInfo): SarifRule {
  const { summary, why, bad, good, fix, source } = rule.docs;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: summary },
    fullDescription: { text: why },
    help: {
      text: [fix, '', 'Fails:', bad, '', 'Passes:', good, '', `Source: ${source}`].join('\n'),
      markdown: [fix, '', 'Fails:', '', '```yaml', bad, '```', '', 'Passes:', '', '```yaml', good, '```', '', `Source: ${source}`].join('\n'),
    },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['pleo-client', 'oauth2'] },
  };
}

function describeUnknownRule(problem: Problem): SarifRule {
  const text = `Reported by pleo-register as ${problem.ruleId}.`;
  return {
    id: problem.ruleId,
    name: pascalCase(problem.ruleId),
    shortDescription: { text },
    fullDescription: { text },
    help: { text: `See ${problem.docsUrl}`, markdown: `See <${problem.docsUrl}>` },
    helpUri: problem.docsUrl,
    defaultConfiguration: { level: sarifLevel(problem.severity) },
    properties: { tags: ['pleo-client', 'oauth2'] },
  };
}

/** Rules that did not run (offline, turned off): one note per rule and reason, naming the files. */
function skippedNotifications(files: ReadonlyMap<string, { ruleId: string; reason: string; files: string[] }>, indexById: ReadonlyMap<string, number>) {
  return [...files.values()].map(({ ruleId, reason, files }) => {
    const index = indexById.get(ruleId);
    return {
      level: 'note' as const,
      message: { text: `Rule ${ruleId} was not run (${reason}) on ${files.length === 1 ? files[0] : `${files.length} files`}.` },
      associatedRule: index === undefined ? { id: ruleId } : { id: ruleId, index },
      locations: files.map((file) => ({ physicalLocation: { artifactLocation: artifactLocation(file) } })),
    };
  });
}

/**
 * The file as a URI reference: a relative path stays relative to `%SRCROOT%` (the checkout, for code
 * scanning); an absolute path becomes a `file:` URI. Each segment is percent-encoded, so spaces, `#`,
 * `%` and a `:` in the first segment cannot be mistaken for URI syntax.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: '%SRCROOT%' } {
  const path = reportPath(file);
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return { uri: `file:///${drive[1]}:/${encodeSegments(path.slice(3))}` };
  if (path.startsWith('//')) return { uri: `file:${encodeSegments(path)}` };
  if (path.startsWith('/')) return { uri: `file://${encodeSegments(path)}` };
  return { uri: encodeSegments(path), uriBaseId: '%SRCROOT%' };
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

function encodeSegment(segment: string): string {
  // encodeURIComponent throws on a lone surrogate (a broken file name); U+FFFD stands in for it.
  return encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD'));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
