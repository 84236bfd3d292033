import { readFileSync } from 'node:fs';
import * as ajvDraft04 from 'ajv-draft-04';
import * as ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import { allRules as rules } from '../engine/rule-list.js';
import schemaRule from '../rules/schema.js';
import { CLI_OPTIONS, expectGolden, GOLDEN_OPTIONS, goldenResults, handMadeResult, optionsFor, resultWith } from '../test-support/report-results.js';
import { artifactLocation, FINGERPRINT_KEY, pascalCase, sarif, toSarifLog } from './sarif.js';

// The official SARIF 2.1.0 schema (rtm.5, the one GitHub validates against), vendored from the npm
// package @microsoft/jest-sarif@1.0.0-beta.0, file lib/schemas/sarif-2.1.0-rtm.5.json (MIT, Microsoft),
// sha256 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8. It is JSON Schema draft-04.
const sarifSchema = JSON.parse(readFileSync(new URL('../../fixtures/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));
// Both are CommonJS: the class and the plugin are the modules' default exports.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
// strict: false because the schema has keywords Ajv's strict mode rejects; unicodeRegExp: false because
// its `language` pattern (`…{2}]?$`) is not a valid regular expression with the `u` flag.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
// With the formats, `uri` and `uri-reference` are checked too: that is where a bad percent-encoding shows.
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

type SarifLog = ReturnType<typeof toSarifLog>;

function expectValidSarif(text: string): SarifLog {
  const log = JSON.parse(text);
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
  return log;
}

describe('sarif', () => {
  it('writes, a file at a time, the log toSarifLog builds (which the other tests inspect)', () => {
    for (const results of [[], goldenResults(), [handMadeResult(), resultWith('p.yaml', { errors: 2 })]]) {
      expect(sarif(results, CLI_OPTIONS)).toBe(JSON.stringify(toSarifLog(results, CLI_OPTIONS), null, 2) + '\n');
    }
  });

  it('is valid against the official SARIF 2.1.0 schema, with every rule of the registry', () => {
    const log = expectValidSarif(sarif(goldenResults(), CLI_OPTIONS));
    const driver = log.runs[0]!.tool.driver;
    expect(driver.rules.map((rule) => rule.id).slice(0, rules.length)).toEqual(rules.map((rule) => rule.id));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('matches the golden file', () => {
    expectGolden('sarif/report.sarif', sarif(goldenResults(), GOLDEN_OPTIONS));
  });

  it('stays valid for a run without problems and for hostile file names', () => {
    expectValidSarif(sarif([], GOLDEN_OPTIONS));
    const names = ['a b/#1 100%.yaml', 'C:\\work\\pleo-client.yaml', '/abs/dir/pleo-client.yaml', 'x:y/pleo-client.yaml', '<stdin>', 'bad\u0001name\uD800.yaml', '\\\\server\\share\\p.yaml'];
    expectValidSarif(sarif(names.map((file) => resultWith(file, { errors: 1 })), GOLDEN_OPTIONS));
  });

  it('uses a validator that catches what GitHub would refuse', () => {
    const log = toSarifLog([resultWith('p.yaml', { errors: 1 })], GOLDEN_OPTIONS);
    const location = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(validateSarif({ ...log, version: '2.0.0' })).toBe(false);
    location.uri = 'my app/p.yaml';
    expect(validateSarif(log)).toBe(false);
  });

  it('describes each rule as GitHub asks: names, descriptions, help, docs link, level', () => {
    const log = toSarifLog([], optionsFor([schemaRule]));
    expect(log.runs[0]!.tool.driver.rules[0]).toMatchObject({
      id: 'schema',
      name: 'Schema',
      shortDescription: { text: schemaRule.docs.summary },
      fullDescription: { text: schemaRule.docs.why },
      helpUri: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md',
      defaultConfiguration: { level: 'error' },
    });
    const help = log.runs[0]!.tool.driver.rules[0]!.help;
    expect(help.text).toContain(schemaRule.docs.fix);
    expect(help.markdown).toContain('```yaml\n' + schemaRule.docs.bad + '\n```');
    expect(help.markdown).toContain('```yaml\n' + schemaRule.docs.good + '\n```');
    expect(pascalCase('redirect-uri-no-wildcard')).toBe('RedirectUriNoWildcard');
  });

  it('maps severities to levels and points ruleIndex at the rule', () => {
    const log = toSarifLog([handMadeResult()], GOLDEN_OPTIONS);
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('adds a rule for a problem whose rule is not in the list, so ruleIndex stays valid', () => {
    const log = toSarifLog([resultWith('p.yaml', { errors: 1 })], optionsFor([schemaRule]));
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['schema', 'golden-example']);
    expect(run.results[0]!.ruleIndex).toBe(1);
  });

  it('gives the region in the same 1-based numbers as the problem, and the JSON Pointer', () => {
    const [result] = toSarifLog([handMadeResult()], GOLDEN_OPTIONS).runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation.region).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 38 });
    expect(result!.properties.jsonPointer).toBe('/redirect_uris/0');
  });

  it('keeps partialFingerprints when the problem moves to another line', () => {
    const manifest = 'client_name: Acme Books\nclient_type: server\n';
    const moved = '# a comment\n\nclient_name: Acme Books\nclient_type: server\n';
    const fingerprint = (text: string) => {
      const result = lintManifest(text, { file: 'pleo-client.yaml', rules: [schemaRule] });
      const run = toSarifLog([result], optionsFor([schemaRule])).runs[0]!;
      const found = run.results.find((r) => r.properties.jsonPointer === '/client_type')!;
      return { line: found.locations[0]!.physicalLocation.region.startLine, fingerprint: found.partialFingerprints[FINGERPRINT_KEY] };
    };
    const before = fingerprint(manifest);
    const after = fingerprint(moved);
    expect(after.line).toBe(before.line + 2);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(before.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lists skipped rules as notes of the invocation', () => {
    const run = toSarifLog([handMadeResult()], GOLDEN_OPTIONS).runs[0]!;
    const notes = run.invocations[0]!.toolConfigurationNotifications;
    expect(notes.map((n) => [n.associatedRule.id, n.level])).toEqual([
      ['uri-reachable', 'note'],
      ['scope-known', 'note'],
    ]);
    expect(notes[0]!.message.text).toBe('Rule uri-reachable was not run (offline) on services/payments api/pleo-client.staging.yaml.');
  });

  it.each([
    ['pleo-client.yaml', { uri: 'pleo-client.yaml', uriBaseId: '%SRCROOT%' }],
    ['./apps/web/pleo-client.yaml', { uri: 'apps/web/pleo-client.yaml', uriBaseId: '%SRCROOT%' }],
    ['apps\\web\\pleo-client.yaml', { uri: 'apps/web/pleo-client.yaml', uriBaseId: '%SRCROOT%' }],
    ['my app/#1 100%.yaml', { uri: 'my%20app/%231%20100%25.yaml', uriBaseId: '%SRCROOT%' }],
    ['x:y/pleo-client.yaml', { uri: 'x%3Ay/pleo-client.yaml', uriBaseId: '%SRCROOT%' }],
    ['<stdin>', { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' }],
    ['/home/ci/pleo client.yaml', { uri: 'file:///home/ci/pleo%20client.yaml' }],
    ['C:\\work\\pleo-client.yaml', { uri: 'file:///C:/work/pleo-client.yaml' }],
    ['\\\\server\\share\\pleo-client.yaml', { uri: 'file://server/share/pleo-client.yaml' }],
  ])('artifactLocation(%j)', (file, expected) => {
    expect(artifactLocation(file)).toEqual(expected);
  });
});
