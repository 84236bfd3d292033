import { describe, expect, it } from 'vitest';
import type { Problem } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { MAX_MANIFEST_BYTES } from '../manifest/parse.js';
import { ruleTester } from '../test-support/rule-tester.js';
import schema from '../rules/schema.js';
import rule from './yaml-syntax.js';

ruleTester(rule, {
  valid: [
    'client_name: Acme Books\nscopes:\n  - export-jobs:read',
    { name: 'a document start marker', code: '---\nclient_name: Acme Books\n' },
    { name: 'a document end marker', code: 'client_name: Acme Books\n...\n' },
    { name: 'comments and blank lines', code: '# yaml-language-server: $schema=x\n\nclient_name: Acme Books # the name\n\n' },
    { name: 'CRLF line ends', code: 'client_name: Acme Books\r\nscopes:\r\n  - users:read\r\n' },
    { name: 'no final newline', code: 'client_name: Acme Books' },
    { name: 'a tab inside a quoted value', code: 'client_name: "Acme\tBooks"' },
    { name: 'a tab on a blank line', code: 'a: 1\n \t\nb: 2\n' },
    { name: 'a flow mapping at the root', code: '{client_name: Acme Books, scopes: [users:read]}' },
    { name: 'anchors and a few aliases', code: 'x-defaults: &uri https://acme-books.io/\nclient_uri: *uri\ntos_uri: *uri\n' },
    { name: 'x- keys with any content', code: 'x-a: {b: [1, {c: null}], d: !!str 5}\n' },
    { name: 'nesting within the limit (flow)', code: `x-deep: ${'['.repeat(60)}${']'.repeat(60)}` },
    { name: 'a merge key is a plain key in YAML 1.2', code: 'x-base: &b {client_name: Acme}\n<<: *b\n' },
    { name: 'prototype names as keys', code: '__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 2}}\nprototype: 3\n' },
    { name: 'non-ASCII text', code: 'client_name: Ærø Bøger 📚\n' },
  ],
  invalid: [
    {
      name: 'unclosed double quote',
      code: 'client_name: "Acme Books\nscopes: [users:read]\n',
      errors: [{ messageId: 'invalidYaml', severity: 'error', includes: ['Not valid YAML', 'closing "quote'] }],
    },
    {
      name: 'unclosed single quote',
      code: "client_name: 'Acme Books\n",
      errors: [{ messageId: 'invalidYaml', includes: ["closing 'quote"] }],
    },
    {
      name: 'bad indentation in a mapping',
      code: 'x-a:\n  b: 1\n c: 2\n',
      errors: [{ messageId: 'invalidYaml', line: 3, column: 1, includes: ['same column'] }],
    },
    {
      name: 'unclosed flow sequence',
      code: 'scopes: [users:read\nclient_name: Acme\n',
      // The parser notices on the next line, where the sequence should have ended.
      errors: [{ messageId: 'invalidYaml', line: 2, column: 1, includes: ['end with a ]'] }],
    },
    {
      name: 'duplicate key, on the line of the second',
      code: 'client_name: Acme Books\nlogo: ./logo.png\nclient_name: Acme Books Staging\n',
      errors: [{ messageId: 'duplicateKey', path: '', line: 3, column: 1, severity: 'error' }],
    },
    {
      name: 'duplicate key in a nested mapping',
      code: 'x-team:\n  owner: a\n  owner: b\n',
      errors: [{ messageId: 'duplicateKey', line: 3, column: 3 }],
    },
    {
      name: 'duplicate keys written differently',
      code: 'client_name: A\n"client_name": B\n',
      errors: [{ messageId: 'duplicateKey', line: 2 }],
    },
    {
      name: 'two duplicates, two problems',
      code: 'a: 1\nb: 2\na: 3\nb: 4\n',
      errors: [
        { messageId: 'duplicateKey', line: 3 },
        { messageId: 'duplicateKey', line: 4 },
      ],
    },
    {
      name: 'tab indentation in a list',
      code: 'scopes:\n\t- users:read\n',
      errors: [{ messageId: 'tabIndent', line: 2, column: 1 }],
    },
    {
      name: 'tab indentation in a mapping',
      code: 'x-team:\n\towner: a\n',
      errors: [{ messageId: 'tabIndent', line: 2, column: 1 }],
    },
    {
      name: 'unknown tag',
      code: 'client_name: Acme\nlogo: !custom ./logo.png\n',
      errors: [{ messageId: 'unknownTag', line: 2, column: 7, includes: ['!custom'] }],
    },
    {
      name: 'a core tag that does not fit the value',
      code: 'x-n: !!int twelve\n',
      errors: [{ messageId: 'unknownTag', line: 1, column: 6 }],
    },
    {
      name: 'a tag from a %TAG directive',
      code: '%TAG !e! tag:example.com,2000:\n---\nx-a: !e!thing 1\n',
      errors: [{ messageId: 'unknownTag', line: 3 }],
    },
    {
      name: 'two documents',
      code: 'client_name: Acme\n---\nclient_name: Acme Staging\n',
      errors: [{ messageId: 'multipleDocuments', line: 2, column: 1, includes: ['2 YAML documents'] }],
    },
    {
      name: 'three documents',
      code: 'a: 1\n---\nb: 2\n---\nc: 3\n',
      errors: [{ messageId: 'multipleDocuments', line: 2, includes: ['3 YAML documents'] }],
    },
    {
      name: 'root is a list',
      code: '- client_name: Acme\n- scopes: []\n',
      errors: [{ messageId: 'rootNotMapping', line: 1, column: 1, includes: ['found a list'] }],
    },
    {
      name: 'root is a string',
      code: 'client_name Acme Books\n',
      errors: [{ messageId: 'rootNotMapping', line: 1, includes: ['found a string'] }],
    },
    {
      name: 'root is a number',
      code: '42\n',
      errors: [{ messageId: 'rootNotMapping', includes: ['found a number'] }],
    },
    {
      name: 'only a document marker: empty',
      code: '---\n',
      errors: [{ messageId: 'empty', line: 1 }],
    },
    {
      name: 'an explicit null at the root',
      code: '--- ~\n',
      errors: [{ messageId: 'rootNotMapping', line: 1, includes: ['found null'] }],
    },
    { name: 'empty file', code: '', errors: [{ messageId: 'empty', line: 1, column: 1 }] },
    { name: 'white space only', code: '  \n\n\t\n', errors: [{ messageId: 'empty', line: 1 }] },
    { name: 'comments only', code: '# client_name: Acme\n# scopes: []\n', errors: [{ messageId: 'empty', line: 1 }] },
    {
      name: 'NUL character',
      code: 'client_name: Acme\nlogo: \0\n',
      errors: [{ messageId: 'nulByte', line: 2, column: 7 }],
    },
    {
      name: 'bell character',
      code: 'client_name: Acme\x07\n',
      errors: [{ messageId: 'controlCharacter', line: 1, column: 18, includes: ['U+0007'] }],
    },
    {
      name: 'escape character (terminal control)',
      code: 'client_name: Acme\nx-a: "\x1b[31m"\n',
      errors: [{ messageId: 'controlCharacter', line: 2, column: 7, includes: ['U+001B'] }],
    },
    {
      name: 'DEL character',
      code: 'x-a: \x7f\n',
      errors: [{ messageId: 'controlCharacter', includes: ['U+007F'] }],
    },
    {
      name: 'a control character inside a comment',
      code: 'a: 1 # \x01\n',
      errors: [{ messageId: 'controlCharacter', line: 1, column: 8 }],
    },
    {
      name: '10,000-level flow nesting, at the first bracket over the limit',
      code: `x-a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      errors: [{ messageId: 'tooDeep', line: 1, column: 6 + 64, includes: ['64 levels'] }],
    },
    {
      name: '10,000-level flow nesting of mappings',
      code: `x-a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      errors: [{ messageId: 'tooDeep', line: 1 }],
    },
    {
      name: 'unclosed deep flow nesting',
      code: `x-a: ${'['.repeat(10_000)}\n`,
      errors: [{ messageId: 'tooDeep' }],
    },
    {
      name: 'one level over the limit, found in the composed document',
      code: `x-a: ${'['.repeat(64)}${']'.repeat(64)}\n`,
      errors: [{ messageId: 'tooDeep', line: 1, column: 5 + 64 }],
    },
    {
      name: 'an alias bomb (9 levels of 9 aliases)',
      code: aliasBomb(9, 9),
      errors: [{ messageId: 'aliasBomb', line: 1, includes: ['100 times'] }],
    },
    {
      name: 'an alias bomb hidden under an x- key',
      code: `client_name: Acme\nx-bomb:\n${aliasBomb(9, 9).replace(/^/gm, '  ')}`,
      errors: [{ messageId: 'aliasBomb' }],
    },
    {
      name: 'an unsupported YAML version',
      code: '%YAML 1.3\n---\na: 1\n',
      errors: [{ messageId: 'invalidYaml', line: 1, includes: ['1.3'] }],
    },
  ],
});

/** Billion laughs: `levels` anchors, each a list of `width` aliases of the one before. */
function aliasBomb(levels: number, width: number): string {
  let text = `a0: &a0 [${Array(width).fill('lol').join(', ')}]\n`;
  for (let i = 1; i <= levels; i++) text += `a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

const syntaxOf = (problems: Problem[]) => problems.filter((p) => p.ruleId === 'yaml-syntax');
const lint = (bytes: Uint8Array) => lintManifest(bytes, { file: 'pleo-client.yaml', rules: [rule, schema] });
const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16 = (text: string, order: 'le' | 'be', bom: boolean) => {
  const body = Buffer.from(text, 'utf16le');
  if (order === 'be') body.swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom ? mark : []), body]);
};
const summary = (problems: Problem[]) => problems.map((p) => `${p.messageId}@${p.range.line}:${p.range.column}`);

describe('yaml-syntax on bytes', () => {
  it.each([
    ['UTF-16 LE with BOM', utf16('client_name: Acme\n', 'le', true), 'notUtf8@1:1'],
    ['UTF-16 BE with BOM', utf16('client_name: Acme\n', 'be', true), 'notUtf8@1:1'],
    ['UTF-16 LE without BOM', utf16('client_name: Acme\n', 'le', false), 'notUtf8@1:2'],
    ['UTF-16 BE without BOM', utf16('client_name: Acme\n', 'be', false), 'notUtf8@1:1'],
  ])('%s is not UTF-8', (_, bytes, expected) => {
    const result = lint(bytes);
    expect(summary(result.problems)).toEqual([expected]);
    expect(result.problems[0]!.message).toContain('UTF-16');
    expect(result.problems[0]!.severity).toBe('error');
  });

  it('a UTF-8 BOM is accepted and positions do not count it', () => {
    const result = lint(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('client_name: Acme\nfoo: 1\n')]));
    expect(syntaxOf(result.problems)).toEqual([]);
    expect(summary(result.problems.filter((p) => p.messageId.startsWith('unknownKey')))).toEqual(['unknownKey@2:1']);
  });

  it.each([
    ['a Latin-1 é', [utf8('client_name: Acme\nx-a: caf'), [0xe9], utf8('\n')], 'invalidUtf8@2:9', '0xE9'],
    ['a cut two-byte sequence', [utf8('x-a: é'), [0xc3], utf8('\nb: 1\n')], 'invalidUtf8@1:7', '0xC3'],
    ['a cut sequence at the end', [utf8('a: 1\nb: '), [0xe2, 0x82]], 'invalidUtf8@2:4', '0xE2'],
    ['an overlong encoding', [utf8('a: '), [0xc0, 0xaf]], 'invalidUtf8@1:4', '0xC0'],
    ['an encoded surrogate', [utf8('a: '), [0xed, 0xa0, 0x80]], 'invalidUtf8@1:4', '0xED'],
    // Columns count UTF-16 code units, as editors do: each emoji is two.
    ['a bad byte after emoji', [utf8('a: 1\nb: 😀😀'), [0xff]], 'invalidUtf8@2:8', '0xFF'],
  ])('invalid UTF-8: %s, at the bad byte', (_, parts, expected, byte) => {
    const result = lint(Buffer.concat(parts.map((p) => Buffer.from(p))));
    expect(summary(result.problems)).toEqual([expected]);
    expect(result.problems[0]!.message).toContain(byte);
  });

  it('NUL bytes that are not UTF-16', () => {
    expect(summary(lint(utf8('client_name: Acme\nlogo: a\0b\n')).problems)).toEqual(['nulByte@2:8']);
  });

  it('a file over 1 MiB is refused before parsing', () => {
    const bytes = Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20);
    bytes.write('client_name: Acme\n');
    const result = lint(bytes);
    expect(summary(result.problems)).toEqual(['tooLarge@1:1']);
    expect(result.problems[0]!.message).toContain(String(MAX_MANIFEST_BYTES));
  });

  it('a file of exactly 1 MiB is read', () => {
    const bytes = Buffer.alloc(MAX_MANIFEST_BYTES, 0x20);
    bytes.write('x-a: 1\n');
    bytes[MAX_MANIFEST_BYTES - 1] = 0x0a;
    expect(syntaxOf(lint(bytes).problems)).toEqual([]);
  });
});

describe('yaml-syntax on hostile input', () => {
  it('10,000-level block nesting is refused', () => {
    const problems = lintManifest(`x-a:\n  ${'- '.repeat(10_000)}x\n`, { file: 'x', rules: [rule, schema] }).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.messageId))).toEqual(new Set(['tooDeep']));
  });

  it('a 1,000-level indented mapping is refused', () => {
    let text = '';
    for (let i = 0; i < 1000; i++) text += `${' '.repeat(i)}k${i}:\n`;
    const problems = lintManifest(text, { file: 'x', rules: [rule, schema] }).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.messageId))).toEqual(new Set(['tooDeep']));
  });

  it('65 levels of block nesting are refused at the 65th level', () => {
    let text = '';
    for (let i = 0; i < 65; i++) text += `${' '.repeat(i)}k${i}:\n`;
    text += `${' '.repeat(65)}x\n`;
    const problems = lintManifest(text, { file: 'x', rules: [rule, schema] }).problems;
    expect(summary(problems)).toEqual(['tooDeep@65:65']);
  });

  it('an alias bomb is refused without expanding it, and rules do not run', () => {
    const problems = lintManifest(aliasBomb(9, 9), { file: 'x' }).problems;
    expect(problems.map((p) => `${p.ruleId}/${p.messageId}`)).toEqual(['yaml-syntax/aliasBomb']);
  });

  it('merge keys are plain keys: nothing is merged, and the schema reports "<<"', () => {
    const problems = lintManifest('x-base: &b {client_name: Acme}\n<<: *b\n', { file: 'x', rules: [rule, schema] }).problems;
    const reported = problems.map((p) => `${p.messageId} ${p.path}@${p.range.line}`);
    expect(reported).toContain('unknownKey /<<@2');
    expect(reported).toContain('required /client_name@1');
    expect(syntaxOf(problems)).toEqual([]);
  });

  it('__proto__, constructor and prototype keys do not pollute Object.prototype', () => {
    const text = [
      '__proto__: {polluted: yes, client_name: Acme}',
      'constructor: {prototype: {polluted: yes}}',
      'prototype: {polluted: yes}',
      'x-a: {__proto__: {polluted: yes}}',
      'contacts: [{__proto__: {polluted: yes}}]',
    ].join('\n');
    const result = lintManifest(text, { file: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('client_name');
    const reported = result.problems.map((p) => `${p.ruleId}/${p.messageId} ${p.path}`);
    expect(reported).toContain('schema/unknownKey /__proto__');
    expect(reported).toContain('schema/unknownKey /constructor');
    expect(reported).toContain('schema/unknownKey /prototype');
    // The manifest's own __proto__ key is data, not the prototype: client_name is still missing.
    expect(reported).toContain('schema/required /client_name');
  });

  it('!!binary, !!set and !!timestamp are accepted by the loader; the schema reports the types', () => {
    const text = 'client_name: !!binary QWNtZQ==\nclient_uri: !!timestamp 2020-01-01\nlogo: !!set {a}\n';
    const problems = lintManifest(text, { file: 'x', rules: [rule, schema] }).problems;
    expect(syntaxOf(problems)).toEqual([]);
    const types = problems.filter((p) => p.messageId === 'type').map((p) => `${p.path}@${p.range.line}`);
    expect(types).toEqual(['/client_name@1', '/client_uri@2', '/logo@3']);
  });

  it('a %YAML 1.1 directive is accepted (and changes how plain values read)', () => {
    expect(syntaxOf(lintManifest('%YAML 1.1\n---\nx-a: yes\n', { file: 'x' }).problems)).toEqual([]);
  });

  it('an undefined alias is reported as invalid YAML, not as an alias bomb', () => {
    const problems = lintManifest('client_uri: *home\n', { file: 'x', rules: [rule] }).problems;
    expect(problems.map((p) => p.messageId)).toEqual(['invalidYaml']);
  });

  it('brackets in a comment or a quoted value do not count as nesting', () => {
    const problems = lintManifest(`# ${'['.repeat(70)}\nx-a: "${'{'.repeat(70)}"\n`, { file: 'x', rules: [rule] }).problems;
    expect(problems).toEqual([]);
  });

  it('deep block nesting is reported once, not once per stack frame that overflowed', () => {
    const problems = lintManifest(`x-a:\n  ${'- '.repeat(10_000)}x\n`, { file: 'x', rules: [rule] }).problems;
    expect(problems.map((p) => p.messageId)).toEqual(['tooDeep']);
  });
});
