import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import { expectGolden, GOLDEN_OPTIONS, goldenResults, handMadeResult, resultWith } from '../test-support/report-results.js';
import { attribute, junit, text } from './junit.js';

interface TestCase {
  name: string;
  classname: string;
  file: string;
  line?: string;
  failure?: { type: string; message: string; '#text': string };
  'system-out'?: string;
  skipped?: { message: string };
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: TestCase[];
}
interface Document {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite?: TestSuite[] };
}

// A fresh parser per document: once, a shared instance returned empty `name` attributes in this file
// (not reproduced since); parsers are cheap, and this keeps every test independent of the others.
const newParser = () =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });

/**
 * fast-xml-parser's validator is lenient (it accepts `<` in attributes, `]]>` in text, control
 * characters), so the rules of XML 1.0 our escaping must keep are checked here as well.
 */
function expectWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  expect(xml.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g, '')).not.toContain('&');
  for (const ref of xml.matchAll(/&#(x?)([0-9A-Fa-f]+);/g)) {
    const code = parseInt(ref[2]!, ref[1] ? 16 : 10);
    expect(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd)).toBe(true);
  }
  expect(xml).not.toContain(']]>');
  for (const value of xml.matchAll(/="([^"]*)"/g)) expect(value[1]).not.toContain('<');
}

function parse(results: readonly FileResult[]): Document['testsuites'] {
  const xml = junit(results, GOLDEN_OPTIONS);
  expectWellFormed(xml);
  return (newParser().parse(xml) as Document).testsuites;
}

describe('junit', () => {
  it('matches the golden file', () => {
    expectGolden('junit/report.xml', junit(goldenResults(), GOLDEN_OPTIONS));
  });

  it('has a testsuite per file and a testcase per problem; only errors are failures', () => {
    const suites = parse(goldenResults());
    expect(suites).toMatchObject({ name: 'pleo-register', tests: '12', failures: '8', errors: '0', skipped: '1' });
    expect(suites.testsuite!.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['apps/web/pleo-client.yaml', '5', '5'],
      ['apps/broken/pleo-client.yaml', '2', '2'],
      ['pleo-client.yaml', '1', '0'],
      ['services/payments api/pleo-client.staging.yaml', '4', '1'],
    ]);
    const handMade = suites.testsuite![3]!.testcase;
    expect(handMade[0]).toMatchObject({ name: '3:5 golden-example', line: '3', failure: { type: 'golden-example' } });
    expect(handMade[1]!.failure).toBeUndefined();
    expect(handMade[1]!['system-out']).toContain('5:5 warning Scope "expenses:read|write"');
    expect(handMade[2]!['system-out']).toContain('5:3 info Scopes listed twice');
    expect(handMade[3]).toMatchObject({ name: 'uri-reachable', skipped: { message: 'not run: offline' } });
  });

  it('gives a file without problems one passing testcase, so CI shows it was checked', () => {
    const suites = parse([resultWith('clean/pleo-client.yaml', {})]);
    expect(suites.testsuite![0]!.testcase).toEqual([{ name: 'no problems', classname: 'clean/pleo-client.yaml', file: 'clean/pleo-client.yaml' }]);
  });

  it('has no failure at all when there are only warnings and infos', () => {
    const suites = parse([resultWith('pleo-client.yaml', { warnings: 3, infos: 2 })]);
    expect(suites.failures).toBe('0');
    expect(suites.testsuite![0]!.testcase.every((c) => c.failure === undefined)).toBe(true);
  });

  it('is a well-formed empty report without files', () => {
    expect(parse([])).toMatchObject({ tests: '0', failures: '0' });
  });

  it('stays well-formed with hostile file names and messages, and keeps what XML can carry', () => {
    const file = 'a<b>&"c"\'d ]]> e\tf\ng\u0001h\u007Fi\uD800j\uFFFFk.yaml';
    const result = resultWith(file, { errors: 1, warnings: 1 });
    result.problems[0]!.message = 'Value <script>alert("x")</script> & ]]> is bad';
    result.problems[1]!.message = 'Warning with ]]> and <![CDATA[ inside';
    const suites = parse([result]);
    const [failing, passing] = suites.testsuite![0]!.testcase;
    const shown = 'a<b>&"c"\'d ]]> e\tf\ng\\u0001h\u007Fi\\uD800j\\uFFFFk.yaml';
    expect(suites.testsuite![0]!.name).toBe(shown);
    expect(failing!.file).toBe(shown);
    expect(failing!.failure!.message).toBe('Value <script>alert("x")</script> & ]]> is bad');
    expect(failing!.failure!['#text']).toContain(`${shown}:1:3 error Value <script>alert("x")</script> & ]]> is bad (golden-example)`);
    expect(passing!['system-out']).toContain('Warning with ]]> and <![CDATA[ inside');
  });

  it.each([
    ['&<>', '&amp;&lt;&gt;'],
    [']]>', ']]&gt;'],
    ['\u0000\u001B', '\\u0000\\u001B'],
    ['\u0085', '&#x85;'],
    ['\uDC00', '\\uDC00'],
    ['\uD83D\uDE00', '\uD83D\uDE00'],
  ])('text(%j) is %j', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it('escapes quotes, tabs and line breaks in attributes', () => {
    expect(attribute('"a"\tb\r\nc\'')).toBe("&quot;a&quot;&#9;b&#13;&#10;c'");
  });

  it('counts every testcase, failure and skip in the totals', () => {
    const suites = parse([handMadeResult(), resultWith('b.yaml', { errors: 2 })]);
    expect(suites).toMatchObject({ tests: '6', failures: '3', skipped: '1' });
  });
});
