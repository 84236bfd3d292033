import { describe, expect, it } from 'vitest';
import { formatTargets, parseFormat } from './options.js';

const f = (...values: string[]) => values.map(parseFormat);

describe('formatTargets', () => {
  it.each([
    ['no --format: stylish on stdout', f(), {}, [{ name: 'stylish' }]],
    ['one report on stdout, others to files', f('json', 'sarif=out/report.sarif', 'junit=junit.xml'), {}, [{ name: 'json' }, { name: 'sarif', path: 'out/report.sarif' }, { name: 'junit', path: 'junit.xml' }]],
    ['-o writes the one format to the file', f('json'), { outputFile: 'report.json' }, [{ name: 'json', path: 'report.json' }]],
    ['the line formats share stdout (GitHub reads its annotations among stylish lines)', f('stylish', 'github'), {}, [{ name: 'stylish' }, { name: 'github' }]],
    ['-o without --format writes stylish to the file', f(), { outputFile: 'lint.txt' }, [{ name: 'stylish', path: 'lint.txt' }]],
    ['--fix-dry-run with stylish on stdout', f(), { fixDryRun: true }, [{ name: 'stylish' }]],
    ['--fix-dry-run with the JSON report in a file', f('json=r.json'), { fixDryRun: true }, [{ name: 'json', path: 'r.json' }]],
  ] as const)('%s', (_, formats, options, expected) => {
    expect(formatTargets(formats, options)).toEqual(expected);
  });

  it.each([
    ['two reports on stdout', f('json', 'sarif'), {}, 'pleo-register: json and sarif would both print on stdout, where a JSON or XML report must be alone: -f sarif=report.sarif'],
    ['three reports on stdout', f('stylish', 'json', 'junit'), {}, 'stylish, json and junit would all print on stdout, where a JSON or XML report must be alone: -f json=report.json -f junit=report.xml'],
    ['a document beside GitHub annotations', f('github', 'gitlab'), {}, 'github and gitlab would both print on stdout, where a JSON or XML report must be alone: -f gitlab=report.json'],
    ['-o with two formats', f('json', 'sarif'), { outputFile: 'x' }, '-o/--output-file writes one format; name a file for each instead: -f json=report.json -f sarif=report.sarif'],
    ['-o with a format that names its file', f('json=a.json'), { outputFile: 'b.json' }, '--format json=a.json already names a file; drop -o/--output-file'],
    ['--fix-dry-run with JSON on stdout', f('json'), { fixDryRun: true }, '--fix-dry-run prints a diff on stdout; write the json report to a file: -f json=report.json'],
    ['--fix-dry-run with SARIF on stdout', f('sarif'), { fixDryRun: true }, '--fix-dry-run prints a diff on stdout; write the sarif report to a file: -f sarif=report.sarif'],
  ] as const)('refuses %s, saying what to type', (_, formats, options, message) => {
    expect(() => formatTargets(formats, options)).toThrow(message.replace(/^pleo-register: /, ''));
  });
});
