import { describe, expect, it } from 'vitest';
import { expectGolden, GOLDEN_OPTIONS, goldenResults, handMadeResult, resultWith } from '../test-support/report-results.js';
import { ANNOTATIONS_PER_KIND, escapeData, escapeProperty, github, githubStepSummary, markdownText } from './github.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('github', () => {
  it('matches the golden files (annotations and step summary)', () => {
    expectGolden('github/annotations.txt', github(goldenResults(), GOLDEN_OPTIONS));
    expectGolden('github/step-summary.md', githubStepSummary(goldenResults(), GOLDEN_OPTIONS));
  });

  // The expected values are what @actions/core's escapeData / escapeProperty (src/command.ts) return.
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['C:\\dir\\x.yaml', 'C:\\dir\\x.yaml', 'C%3A\\dir\\x.yaml'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['%0A', '%250A', '%250A'],
    ['::error::', '::error::', '%3A%3Aerror%3A%3A'],
    ['plain text = ok; [x]', 'plain text = ok; [x]', 'plain text = ok; [x]'],
  ])('escapes %j as data %j and as a property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('escapes the file name as a property and the message as data', () => {
    const result = resultWith('dir,1/a:b%\n.yaml', { errors: 1 });
    result.problems[0]!.message = 'Line one: 50%, really\r\n::warning::injected';
    expect(github([result], GOLDEN_OPTIONS)).toBe(
      '::error file=dir%2C1/a%3Ab%25%0A.yaml,line=1,col=3,endLine=1,endColumn=10,title=golden-example::Line one: 50%25, really%0D%0A::warning::injected\n',
    );
  });

  it('gives each severity its command, and leaves out columns when the range spans lines', () => {
    expect(lines(github([handMadeResult()], GOLDEN_OPTIONS))).toEqual([
      '::error file=services/payments api/pleo-client.staging.yaml,line=3,col=5,endLine=3,endColumn=38,title=golden-example::Redirect URI "http://app.acme-books.io/callback" uses http:; use https:.',
      '::warning file=services/payments api/pleo-client.staging.yaml,line=5,col=5,endLine=5,endColumn=24,title=golden-example::Scope "expenses:read|write" is not a Pleo scope, 100%25 sure; did you mean <expenses:read> & "export-jobs:read"?',
      '::notice file=services/payments api/pleo-client.staging.yaml,line=5,endLine=7,title=golden-example::Scopes listed twice: `export-jobs:read`; keep one.',
    ]);
  });

  it('prints 10 errors, 10 warnings and one notice with the count of the rest for 13 errors and 12 warnings', () => {
    const output = lines(github([resultWith('pleo-client.yaml', { errors: 13, warnings: 12 })], GOLDEN_OPTIONS));
    expect(output.filter((l) => l.startsWith('::error '))).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(output.filter((l) => l.startsWith('::warning '))).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(output).toHaveLength(21);
    expect(output[20]).toBe(
      '::notice::pleo-register found 25 problems; 5 more problems are not shown as annotations (GitHub shows 10 errors and 10 warnings per step). The full report is in the job summary.',
    );
    // The first ten of each kind, in report order.
    expect(output[0]).toContain('line=1,');
    expect(output[9]).toContain('line=10,');
    expect(output[10]).toMatch(/^::warning .*line=14,/);
  });

  it('counts the budget over all files, not per file', () => {
    const results = [resultWith('a.yaml', { errors: 6 }), resultWith('b.yaml', { errors: 6 })];
    const output = lines(github(results, GOLDEN_OPTIONS));
    expect(output.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(output.at(-1)).toMatch(/^::notice::pleo-register found 12 problems; 2 more problems are/);
  });

  it('keeps one notice slot for the overflow notice', () => {
    const output = lines(github([resultWith('a.yaml', { errors: 11, infos: 10 })], GOLDEN_OPTIONS));
    expect(output.filter((l) => l.startsWith('::notice '))).toHaveLength(9);
    expect(output.filter((l) => l.startsWith('::notice::'))).toHaveLength(1);
    expect(output.at(-1)).toContain('found 21 problems; 2 more problems are');
  });

  it('prints no notice when everything fits, and nothing at all without problems', () => {
    const output = lines(github([resultWith('a.yaml', { errors: 10, warnings: 10, infos: 10 })], GOLDEN_OPTIONS));
    expect(output).toHaveLength(30);
    expect(output.some((l) => l.startsWith('::notice::'))).toBe(false);
    expect(github([resultWith('a.yaml', {})], GOLDEN_OPTIONS)).toBe('');
  });
});

describe('githubStepSummary', () => {
  it('has a summary line and a table row per problem', () => {
    const markdown = githubStepSummary([resultWith('a.yaml', { errors: 13, warnings: 12 })], GOLDEN_OPTIONS);
    expect(markdown).toContain('✖ 25 problems (13 errors, 12 warnings, 0 infos) in 1 file');
    expect(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Line'))).toHaveLength(25);
  });

  it('stops listing short of the 1 MiB GitHub takes per step, and says how many it left out', () => {
    const results = Array.from({ length: 400 }, (_, i) => resultWith(`apps/${i}/pleo-client.yaml`, { errors: 30, warnings: 20 }));
    for (const result of results) for (const problem of result.problems) problem.message = 'a long message, ø€ '.repeat(8);
    const markdown = githubStepSummary(results, GOLDEN_OPTIONS);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1024 * 1024);
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Line')).length;
    expect(rows).toBeGreaterThan(1_000);
    expect(markdown).toContain('✖ 20000 problems (12000 errors, 8000 warnings, 0 infos) in 400 files');
    expect(markdown).toContain(`\n${20_000 - rows} more problems are not listed here: GitHub takes at most 1 MiB of summary per step.`);
    // A table is never cut before its first row: each heading listed has rows under it.
    expect(markdown).not.toMatch(/\|---:\|---\|---\|---\|\n\n/);
  });

  it('says so when there is nothing to report', () => {
    expect(githubStepSummary([resultWith('a.yaml', {})], GOLDEN_OPTIONS)).toBe('## pleo-register\n\n✔ 1 file checked, no problems\n');
  });

  it('escapes table pipes and HTML in messages, keeping their code spans', () => {
    const result = resultWith('a|b<i>.yaml', { errors: 1 });
    result.problems[0]!.message = 'Use `a|b` not <script>x</script> | *bold* [link](x) & more';
    const markdown = githubStepSummary([result], GOLDEN_OPTIONS);
    expect(markdown).toContain('### a\\|b&lt;i&gt;.yaml\n');
    expect(markdown).toContain('| Use `a\\|b` not &lt;script&gt;x&lt;/script&gt; \\| \\*bold\\* \\[link\\](x) &amp; more |');
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['<b>&', '&lt;b&gt;&amp;'],
    ['line\nbreak', 'line break'],
    ['snake_case *x* ~y~ `z`', 'snake\\_case \\*x\\* \\~y\\~ \\`z\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['bell\u0007', 'bell\uFFFD'],
  ])('markdownText(%j) is %j', (input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });
});
