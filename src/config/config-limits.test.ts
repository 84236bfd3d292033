import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigBytes } from './config.js';

// The configuration can come in the same pull request as the manifest: it is loaded with the
// manifest's limits, and each one is reported with the file and, where there is one, the position.

const nested = (depth: number) => 'rules:\n' + Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}k${i}:\n`).join('');
const aliasBomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nrules: *c\n';

describe('parseConfig limits', () => {
  it.each([
    ['flow collections past 64 levels', 'rules: ' + '['.repeat(65) + ']'.repeat(65) + '\n', 'c.yaml:1:72: nested more than 64 levels deep'],
    ['block mappings past 64 levels', nested(70), /^c\.yaml:\d+:\d+: nested more than 64 levels deep$/],
    ['an alias bomb', aliasBomb, 'c.yaml:1:1: YAML aliases expand more than 100 times'],
    ['more than 100,000 lines', '\n'.repeat(100_001), 'c.yaml:100001:1: more than 100000 lines and flow-collection items'],
    ['a control character', 'rules:\n  schema: o\u0007ff\n', 'c.yaml:2:12: control character U+0007; a configuration is text'],
    ['two documents', 'rules:\n---\nrules:\n', 'c.yaml:2:1: 2 YAML documents; a configuration is one'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseConfig(text, 'c.yaml')).toThrow(message);
  });
});

describe('parseConfigBytes', () => {
  it.each([
    ['more than 1 MiB', Buffer.from('rules:\n' + ' '.repeat(1024 * 1024)), 'c.yaml: the file is larger than 1048576 bytes, the most a configuration may be'],
    ['UTF-16', Buffer.from('\ufeffrules:\n', 'utf16le'), 'c.yaml: the file is UTF-16; save it as UTF-8'],
    ['bytes that are not UTF-8', Buffer.from([0x72, 0x3a, 0x20, 0xff, 0x0a]), 'c.yaml:1:4: not valid UTF-8 (byte 0xFF); save it as UTF-8'],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => parseConfigBytes(bytes, 'c.yaml')).toThrow(message);
  });

  it('reads what parseConfig reads', () => {
    const text = 'rules:\n  schema: warning\n';
    expect(parseConfigBytes(Buffer.from(text), 'c.yaml')).toEqual(parseConfig(text, 'c.yaml'));
  });
});
