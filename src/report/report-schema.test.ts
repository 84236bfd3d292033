import { readFileSync } from 'node:fs';
import * as ajv2020 from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { expectGolden, GOLDEN_OPTIONS, goldenResults, resultWith } from '../test-support/report-results.js';
import { json } from './json.js';

// ajv and ajv-formats are CommonJS: the class and the plugin are the modules' default exports.
const Ajv2020 = ajv2020.default;
const addFormats = ajvFormats.default;
const reportSchema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateReport = ajv.compile(reportSchema);

function errorsOf(report: unknown) {
  return validateReport(report) ? [] : validateReport.errors;
}

describe('schemas/report.schema.json and the json format', () => {
  it('matches the golden file', () => {
    expectGolden('json/report.json', json(goldenResults(), GOLDEN_OPTIONS));
  });

  it('accepts the json report of real and hand-made results, and of no files', () => {
    expect(errorsOf(JSON.parse(json(goldenResults(), GOLDEN_OPTIONS)))).toEqual([]);
    expect(errorsOf(JSON.parse(json([], GOLDEN_OPTIONS)))).toEqual([]);
    expect(errorsOf(JSON.parse(json([resultWith('a.yaml', { errors: 2, warnings: 1, infos: 1 })], GOLDEN_OPTIONS)))).toEqual([]);
  });

  it('allows fields added within reportVersion 1', () => {
    const report = JSON.parse(json(goldenResults(), GOLDEN_OPTIONS));
    report.newTopLevel = true;
    report.results[0].newFileField = 1;
    report.results[0].problems[0].fingerprint = 'abc';
    expect(errorsOf(report)).toEqual([]);
  });

  it.each([
    ['another reportVersion', (r: any) => (r.reportVersion = 2)],
    ['a missing count', (r: any) => delete r.results[0].errorCount],
    ['a 0-based line', (r: any) => (r.results[0].problems[0].line = 0)],
    ['an unknown severity', (r: any) => (r.results[0].problems[0].severity = 'fatal')],
    ['a path that is no JSON Pointer', (r: any) => (r.results[0].problems[0].path = 'scopes/0')],
    ['a missing docsUrl', (r: any) => delete r.results[0].problems[0].docsUrl],
    ['another tool', (r: any) => (r.tool.name = 'eslint')],
  ])('rejects %s', (_name, spoil) => {
    const report = JSON.parse(json(goldenResults(), GOLDEN_OPTIONS));
    spoil(report);
    expect(validateReport(report)).toBe(false);
  });
});
