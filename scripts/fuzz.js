// Property-based fuzzing of the whole pipeline: `npm run fuzz` (builds first).
//
// 10,000 random and mutated manifests go through the built library (dist/index.js: lint, then
// lint offline with a stub logo loader, then every report format), and the first 200 of
// the same cases through the real binary (`node bin/pleo-register.js lint - --offline`). It prints the
// counts and, on a finding, the seed, the path and the shrunk counterexample, and exits 1.
//
//   node scripts/fuzz.js [--runs 10000] [--binary 200] [--seed <n>] [--trace <file>] [--path <n>]
//
// --trace writes each case's number, kind and size before running it (a crash such as running out of
// memory is not a failure fast-check can report); --path <n> with the same seed starts at case n and
// writes each case's bytes to <tmpdir>/pleo-register-fuzz-<seed>-case.bin before running it.
//
// The generators and the checks are exported: src/engine/fuzz.test.ts runs a small sample of the same
// properties against the sources in `npm test`. Plain ESM JavaScript: it runs after the build.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

const root = fileURLToPath(new URL('../', import.meta.url));
export const FIXTURE = join(root, 'fixtures/valid/complete.yaml');

// ---------------------------------------------------------------------------------------------------
// Generators

const KNOWN_KEYS = [
  'environment', 'client_name', 'client_uri', 'logo', 'tos_uri', 'policy_uri', 'contacts', 'initiation_uri',
  'settings_uri', 'client_type', 'redirect_uris', 'scopes', 'pkce', 'subject_type',
];
const LIST_KEYS = ['redirect_uris', 'scopes', 'contacts'];
const HOSTILE_KEYS = [
  '__proto__', 'constructor', 'prototype', '<<', 'toString', 'hasOwnProperty', 'valueOf', 'x-a', 'x-', '', ' ',
  'redirect_uri', 'client_secret', 'password', 'x-pleo', 'Client_Name', 'client_name ', 'kty', 'd',
];

/** Characters that break naive code: controls, bidi, zero-width, astral, surrogates, YAML indicators. */
export const SPECIAL = [
  '\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\u200e', '\u200f', '\u200b', '\u200c',
  '\u200d', '\u2060', '\ufeff', '\u00ad', '\u2028', '\u2029', '\u0085', '\u009b', '\u001b', '\u001b[31m',
  '\u0000', '\u0007', '\u0008', '\u007f', '\t', '\r', '\n', '\r\n', '\u000b', '\u000c', '😀', '👨‍👩‍👧', '🏳️‍🌈',
  '\u{10ffff}', '\u{1d400}', '\u{e0041}', '\ud800', '\udfff', 'ǅ', 'İ', 'ß', 'x\u0301', '\u0627', 'Ⅻ', '\ufffd',
  '\ufffe', '\uffff', '"', "'", '\\', '\\u', '\\x', '#', ' #', ':', ': ', '- ', '? ', '{', '}', '[', ']', ',',
  '&a ', '*a', '!', '!!', '!custom ', '|', '>', '%', '@', '`', '---', '...', '<<', '~', '&', '*',
];

/** Values that rules look at closely: URLs, e-mail addresses, scopes, credentials, enums. */
export const PLAUSIBLE = [
  'https://app.acme-books.io/oauth/pleo/callback', 'http://localhost:3000/callback', 'http://127.0.0.1/cb',
  'https://[::1]/cb', 'http://[::ffff:127.0.0.1]/', 'https://*.acme-books.io/cb', 'https://user:pa55w0rd@acme-books.io/',
  'https://acme-books.io/#frag', 'https://acme-books.io/cb?code=1&state=2', 'https://ACME-books.IO:443/a/../b/./c',
  'https://0x7f.1/', 'https://2130706433/', 'https://xn--80ak6aa92e.com/', 'https://аpple.com/', 'https://acme.local/',
  'https://intranet/', 'https://example.com/', 'https://169.254.169.254/latest/meta-data/', 'https://acme-books.io.',
  'javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'mailto:a@b.c', 'https://%zz/', 'https:\\\\acme\\cb',
  ' https://acme-books.io/ ', 'https://pleo.io/logo.png', 'https://acme-books.io/logo.svg', 'com.acme.app:/oauth2redirect',
  'integrations@acme-books.io', 'a@b', '"a b"@acme-books.io', 'x@[127.0.0.1]', 'John <john@acme-books.io>',
  'noreply@example.com', 'a@b@c', 'export-jobs:read', 'export-items:read', 'users:write', 'Users:Read', 'expenses:read',
  'export-jobs:admin', 'openid', 'S256', 's256', 'plain', 'none', 'public', 'confidential', 'staging', 'production',
  'company', 'organization', 'Pleo', 'Pleo for Acme', 'pleo.io', 'P1eo', 'Acme Books', './brand/logo.png', 'brand/logo.svg',
  '/etc/passwd', '../../../../etc/shadow', 'C:\\logo.png', '~/logo.png', 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'sk_live_51HxYzAbCdEfGhIjKlMnOpQr', 'AKIAIOSFODNN7EXAMPLE', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'Bearer abcdef0123456789abcdef0123456789', '12345a6bcd789ef012abcd34ef5a6b', '${CLIENT_SECRET}', '{{ secret }}',
  '~', 'null', 'yes', 'no', 'on', '0x1F', '1e400', '.nan', '-.inf', '2001-12-14t21:59:43.10-05:00', '0o17', '-0', '',
];

const PREFIXES = ['%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '---\n', '%TAG !e! tag:example.com,2000:\n---\n', '\ufeff', '--- !!map\n', '--- |\n', '# comment\n'];

/** Text of every kind: random graphemes and code points, runs of special characters, plausible values, very long runs. */
export function texts(fc, { maxStringLength = 100_000 } = {}) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 10 }).map((parts) => parts.join('')) },
    { weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('a', 'Pleo ', '\u202e', '😀', 'x\u0301', '%', ' ', 'ab12', ':'), fc.integer({ min: 100, max: maxStringLength }))
        .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length))),
    },
  );
}

/** A value for a manifest key: text, JSON, anything fast-check makes, odd numbers, lists, nesting past the limit. */
export function values(fc, options = {}) {
  const { maxListItems = 10_000 } = options;
  const text = texts(fc, options);
  return fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 2,
      arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withMap: true, withSet: true, withTypedArray: true }),
    },
    { weight: 1, arbitrary: fc.oneof(fc.double(), fc.constantFrom(Infinity, -Infinity, NaN, -0, 2 ** 70, Number.MAX_VALUE, 5e-324), fc.bigInt()) },
    { weight: 3, arbitrary: fc.array(text, { maxLength: 20 }) },
    // Short items: 10,000 copies of a 100,000-character text made inputs of gigabytes, which ran the
    // fuzzer itself out of memory while it wrote them as YAML.
    { weight: 1, arbitrary: fc.tuple(texts(fc, { maxStringLength: 200 }), fc.integer({ min: Math.ceil(maxListItems / 100), max: maxListItems })).map(([item, n]) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? item : `${item}${i}`))) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 100 }), fc.boolean(), values0(fc)).map(([depth, list, leaf]) => nested(depth, list, leaf)) },
  );
}

function values0(fc) {
  return fc.constantFrom('x', 1, null, 'https://acme-books.io/');
}

/** `depth` levels of lists or mappings around `leaf`, built without recursion. */
function nested(depth, list, leaf) {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = list ? [value] : { [`k${i}`]: value };
  return value;
}

function keys(fc) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 4 }).map((parts) => parts.join('')) },
  );
}

/** Changes to the valid manifest's data: drop a key, set one to anything, insert text, make a list huge. */
function dataMutations(fc, options) {
  const { maxListItems = 10_000 } = options;
  // Huge lists are rare: a list of 10,000 redirect URIs takes a second or two to lint and report.
  return fc.oneof(
    { weight: 10, arbitrary: fc.record({ op: fc.constant('drop'), key: fc.constantFrom(...KNOWN_KEYS) }) },
    { weight: 20, arbitrary: fc.record({ op: fc.constant('set'), key: keys(fc), value: values(fc, options) }) },
    { weight: 15, arbitrary: fc.record({ op: fc.constant('insert'), key: fc.constantFrom(...KNOWN_KEYS), at: fc.nat(), text: texts(fc, options) }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('huge'), key: fc.constantFrom(...LIST_KEYS), item: fc.constantFrom(...PLAUSIBLE), n: fc.integer({ min: Math.ceil(maxListItems / 10), max: maxListItems }) }),
    },
  );
}

function applyDataMutation(data, mutation) {
  const { op, key } = mutation;
  const define = (value) => Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
  if (op === 'drop') delete data[key];
  else if (op === 'set') define(mutation.value);
  else if (op === 'huge') define(Array.from({ length: mutation.n }, (_, i) => (i === 0 ? mutation.item : `${mutation.item}${i}`)));
  else if (op === 'insert') {
    const splice = (text) => text.slice(0, mutation.at % (text.length + 1)) + mutation.text + text.slice(mutation.at % (text.length + 1));
    const current = Object.hasOwn(data, key) ? data[key] : undefined;
    if (typeof current === 'string') define(splice(current));
    else if (Array.isArray(current) && current.length > 0) {
      const i = mutation.at % current.length;
      current[i] = typeof current[i] === 'string' ? splice(current[i]) : mutation.text;
    } else define(mutation.text);
  }
}

/** Changes to the text: insert text or bytes, repeat or delete lines, tabs, nesting, comments, directives, documents, aliases. */
function textMutations(fc, options) {
  const { maxNesting = 10_000 } = options;
  const text = texts(fc, options);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('insert'), at: fc.nat(), text }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('bytes'), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('repeatLine'), line: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete'), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('tab'), line: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('nest'), depth: fc.integer({ min: 1, max: maxNesting }), kind: fc.constantFrom('[', '{', '- ', 'map'), closed: fc.boolean() }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('comment'), line: fc.nat(), text, directive: fc.constantFrom('', 'pleo-register-disable ', 'pleo-register-disable-next-line ', 'pleo-register-disable no-secrets -- ', 'pleo-register-disable-next-line schema, nope -- why ') }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('prefix'), text: fc.constantFrom(...PREFIXES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('document'), text }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('aliases'), levels: fc.integer({ min: 1, max: 12 }), width: fc.integer({ min: 1, max: 12 }), merge: fc.boolean() }) },
  );
}

function applyTextMutation(text, mutation) {
  const at = (n) => n % (text.length + 1);
  const lines = () => text.split('\n');
  switch (mutation.op) {
    case 'insert':
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at));
    case 'delete':
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case 'repeatLine': {
      const all = lines();
      const i = mutation.line % all.length;
      all.splice(i, 0, ...Array(mutation.times).fill(all[i]));
      return all.join('\n');
    }
    case 'tab': {
      const all = lines();
      const i = mutation.line % all.length;
      all[i] = '\t' + all[i].replace(/^ +/, '');
      return all.join('\n');
    }
    case 'comment': {
      const all = lines();
      all.splice(mutation.line % (all.length + 1), 0, `# ${mutation.directive}${mutation.text.replace(/\n/g, ' ')}`);
      return all.join('\n');
    }
    case 'nest': {
      const { depth, kind, closed } = mutation;
      if (kind === 'map') {
        // Indented mappings cost depth² bytes: stay within 1 MiB.
        let block = '';
        for (let i = 0; i < Math.min(depth, 1400); i++) block += `${' '.repeat(i + 1)}k${i}:\n`;
        return `${text}\nx-nest:\n${block}`;
      }
      if (kind === '- ') return `${text}\nx-nest:\n  ${'- '.repeat(depth)}x\n`;
      const close = kind === '[' ? ']' : '}';
      const open = kind === '[' ? '[' : '{a: ';
      return `${text}\nx-nest: ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}\n`;
    }
    case 'prefix':
      return mutation.text + text;
    case 'document':
      return `${text}\n---\n${mutation.text}\n`;
    case 'aliases': {
      let bomb = `x-a0: &a0 [${Array(mutation.width).fill('lol').join(', ')}]\n`;
      for (let i = 1; i <= mutation.levels; i++) {
        const aliases = Array(mutation.width).fill(`*a${i - 1}`).join(', ');
        bomb += mutation.merge ? `x-a${i}: &a${i} {<<: [${aliases}], k${i}: 1}\n` : `x-a${i}: &a${i} [${aliases}]\n`;
      }
      return `${text}\n${bomb}`;
    }
    default:
      return text;
  }
}

function applyByteMutations(bytes, mutations) {
  let result = bytes;
  for (const { at, bytes: inserted } of mutations) {
    const i = at % (result.length + 1);
    const next = new Uint8Array(result.length + inserted.length);
    next.set(result.subarray(0, i), 0);
    next.set(inserted, i);
    next.set(result.subarray(i), i + inserted.length);
    result = next;
  }
  return result;
}

const renderOptions = (fc) =>
  fc.record({
    collectionStyle: fc.constantFrom('any', 'any', 'flow', 'block'),
    defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
    indent: fc.integer({ min: 1, max: 8 }),
    lineWidth: fc.constantFrom(0, 20, 80),
  });

/** YAML text for any value; yaml's stringify refuses a few (it is the generator's problem, not the linter's). */
function render(value, options) {
  try {
    const text = stringify(value, { ...options, aliasDuplicateObjects: false });
    return typeof text === 'string' ? text : String(value);
  } catch {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
}

const utf8 = (text) => new TextEncoder().encode(text);

/**
 * One input for the pipeline: `{ kind, bytes, logo }`, where `logo` picks what the stub logo loader
 * answers. Mostly mutations of fixtures/valid/complete.yaml; also random YAML values, random mappings
 * of manifest keys, random strings and random bytes.
 */
export function manifestInputs(fc, options = {}) {
  const fixture = options.fixture ?? readFileSync(FIXTURE, 'utf8');
  const fixtureData = parse(fixture);
  const logo = fc.nat({ max: LOGO_ANSWERS.length - 1 });
  const input = (kind, bytes) => fc.tuple(bytes, logo).map(([b, l]) => ({ kind, bytes: b, logo: l }));

  const anything = fc
    .tuple(fc.oneof(fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withNullPrototype: true, withMap: true, withSet: true }), fc.jsonValue({ maxDepth: 4 })), renderOptions(fc))
    .map(([value, style]) => utf8(render(value, style)));
  const mapping = fc.tuple(fc.dictionary(keys(fc), values(fc, { ...options, maxListItems: 200 }), { maxKeys: 16 }), renderOptions(fc)).map(([value, style]) => utf8(render(value, style)));
  const string = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), texts(fc, options)).map(utf8);
  const bytes = fc.uint8Array({ maxLength: 2000 });
  const mutated = fc
    .record({
      data: fc.array(dataMutations(fc, options), { maxLength: 3 }),
      style: renderOptions(fc),
      text: fc.array(textMutations(fc, options), { maxLength: 4 }),
    })
    .map(({ data, style, text }) => {
      let source = fixture;
      if (data.length > 0) {
        const manifest = structuredClone(fixtureData);
        for (const mutation of data) applyDataMutation(manifest, mutation);
        source = render(manifest, style);
      }
      for (const mutation of text.filter((m) => m.op !== 'bytes')) source = applyTextMutation(source, mutation);
      return applyByteMutations(utf8(source), text.filter((m) => m.op === 'bytes'));
    });

  return fc.oneof(
    { weight: 1, arbitrary: input('yaml-value', anything) },
    { weight: 1, arbitrary: input('yaml-mapping', mapping) },
    { weight: 1, arbitrary: input('string', string) },
    { weight: 1, arbitrary: input('bytes', bytes) },
    { weight: 6, arbitrary: input('mutated-fixture', mutated) },
  );
}

// ---------------------------------------------------------------------------------------------------
// The outside world, offline: a request that must never be made, and a logo loader that answers one of these.

const LOGO_ANSWERS = [
  () => ({ kind: 'absent' }),
  (source) => ({ kind: 'image', source, byteLength: 48_000, format: 'png', width: 512, height: 512, pages: 1 }),
  (source) => ({ kind: 'image', source, byteLength: 3_000_000, format: 'gif', width: 100, height: 300, pages: 4 }),
  (source) => ({ kind: 'image', source, byteLength: 900, format: 'svg', width: 512, height: 256, pages: 1, svg: { declaredWidth: 0, declaredHeight: 0, activeContent: ['<script>\u202e\u0000', 'onload='], externalReferences: ['http://evil.test/\u001b[2J', 'file:///etc/passwd'] } }),
  (source) => ({ kind: 'image', source, byteLength: 1000, format: 'jpeg', width: 300, height: 300, pages: 1, orientation: 6 }),
  (source) => ({ kind: 'unreadable', source, reason: 'missing', detail: 'no such file' }),
  (source) => ({ kind: 'unreadable', source, reason: 'too-large', detail: 'over the limit', limit: 10 * 1024 * 1024, size: 11 * 1024 * 1024 }),
  (source) => ({ kind: 'unreadable', source, reason: 'absolute-path', detail: 'absolute' }),
  (source) => ({ kind: 'unreadable', source, reason: 'read-failed', detail: 'EACCES' }),
  (source) => ({ kind: 'not-an-image', source, byteLength: 10, detail: 'it starts with "<html>"' }),
  (source) => ({ kind: 'too-many-pixels', source, byteLength: 100, format: 'png', width: 65_500, height: 65_500, pages: 1, limit: 50_000_000 }),
  (source) => ({ kind: 'undecodable', source, byteLength: 100, format: 'webp', detail: 'its pixel data is truncated or corrupt' }),
  (source) => ({ kind: 'undecoded-format', source, byteLength: 100, format: 'tiff' }),
  (source) => ({ kind: 'no-decoder', source, detail: 'sharp could not be loaded' }),
];

/** Offline LintServices for lint; `requests` counts the calls that must never happen. */
export function offlineIo(answer) {
  const io = {
    online: false,
    requests: 0,
    request: async () => {
      io.requests++;
      throw new Error('offline: no request may be made');
    },
    loadLogo: async (logo) => {
      if (typeof logo !== 'string') return { kind: 'absent' };
      const fileName = logo.split(/[\\/]/).pop() ?? '';
      const source = { kind: /^[a-z][a-z0-9+.-]*:/i.test(logo) ? 'url' : 'file', value: logo, fileName };
      if (source.kind === 'url') return { kind: 'offline', source };
      return LOGO_ANSWERS[answer % LOGO_ANSWERS.length](source);
    },
  };
  return io;
}

// ---------------------------------------------------------------------------------------------------
// The properties

const SEVERITIES = new Set(['error', 'warning', 'info']);
const SKIP_REASONS = new Set(['offline', 'disabled', 'not-implemented']);
/** C0 and C1 controls (a line break included: a message is one line), bidi controls, line and paragraph separators. */
export const UNSAFE_IN_MESSAGE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
/** The same in a whole report, where line breaks are fine. */
const UNSAFE_IN_REPORT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
/** Characters XML 1.0 cannot carry at all (JUnit). */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
export const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

const show = (text) => JSON.stringify(text.length > 120 ? text.slice(0, 120) + '…' : text);

/**
 * What is wrong with a FileResult, as a list of sentences (empty: nothing). `rulesById` is the
 * library's own map; every problem must name a known rule and one of its messages.
 */
export function checkResult(result, { file, rulesById }) {
  const found = [];
  if (!result || typeof result !== 'object') return ['the result is not an object'];
  if (result.file !== file) found.push(`file is ${show(String(result.file))}, not ${show(file)}`);
  if (result.environment !== 'production' && result.environment !== 'staging') found.push(`environment is ${show(String(result.environment))}`);
  if (typeof result.source !== 'string') return [...found, 'source is not a string'];
  const lines = result.source.split('\n');
  const lineLength = (line) => (lines[line - 1] ?? '').length;
  const counts = { error: 0, warning: 0, info: 0 };
  result.problems.forEach((problem, i) => {
    const where = `problem ${i} (${problem.ruleId}/${problem.messageId})`;
    const rule = rulesById.get(problem.ruleId);
    if (!rule) found.push(`${where}: unknown rule id`);
    else if (problem.messageId !== 'moreProblems' && !Object.hasOwn(rule.messages, problem.messageId)) found.push(`${where}: the rule has no message ${show(String(problem.messageId))}`);
    if (!SEVERITIES.has(problem.severity)) found.push(`${where}: severity ${show(String(problem.severity))}`);
    else counts[problem.severity]++;
    if (typeof problem.message !== 'string' || problem.message.trim() === '') found.push(`${where}: empty message`);
    else {
      const unsafe = UNSAFE_IN_MESSAGE.exec(problem.message);
      if (unsafe) found.push(`${where}: raw U+${unsafe[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} in the message ${show(problem.message)}`);
      if (!problem.message.isWellFormed()) found.push(`${where}: a lone surrogate in the message ${show(problem.message)}`);
    }
    if (typeof problem.path !== 'string' || (problem.path !== '' && !problem.path.startsWith('/'))) found.push(`${where}: path ${show(String(problem.path))} is not a JSON Pointer`);
    if (problem.docsUrl !== `https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/${problem.ruleId}.md`) found.push(`${where}: docsUrl ${show(String(problem.docsUrl))}`);
    const { line, column, endLine, endColumn } = problem.range ?? {};
    const positions = [line, column, endLine, endColumn];
    if (!positions.every((n) => Number.isInteger(n) && n >= 1)) found.push(`${where}: range ${JSON.stringify(problem.range)} has a position below 1`);
    else {
      if (line > lines.length + 1 || endLine > lines.length + 1) found.push(`${where}: range ${JSON.stringify(problem.range)} is past the last line (${lines.length})`);
      if (endLine < line || (endLine === line && endColumn < column)) found.push(`${where}: range ${JSON.stringify(problem.range)} ends before it starts`);
      if (column > lineLength(line) + 1 || endColumn > lineLength(endLine) + 1) found.push(`${where}: range ${JSON.stringify(problem.range)} is past the end of its line`);
    }
  });
  for (const severity of ['error', 'warning', 'info']) {
    if (result[`${severity}Count`] !== counts[severity]) found.push(`${severity}Count is ${result[`${severity}Count`]}, the problems hold ${counts[severity]}`);
  }
  for (let i = 1; i < result.problems.length; i++) {
    const [a, b] = [result.problems[i - 1].range, result.problems[i].range];
    if (a.line > b.line || (a.line === b.line && a.column > b.column)) {
      found.push(`problems ${i - 1} and ${i} are out of order`);
      break;
    }
  }
  for (const skipped of result.skipped) {
    if (!rulesById.has(skipped.ruleId) || !SKIP_REASONS.has(skipped.reason)) found.push(`skipped ${JSON.stringify(skipped)}`);
  }
  return found;
}

/** What is wrong with the reports every format makes of `results` (a failing formatter throws, which the caller catches). */
export async function checkReports(results, loadFormatter, options) {
  const found = [];
  const problems = results.reduce((n, r) => n + r.problems.length, 0);
  for (const name of ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab']) {
    const text = (await loadFormatter(name))(results, options);
    if (typeof text !== 'string') {
      found.push(`${name}: not a string`);
      continue;
    }
    if (name === 'json') {
      const report = JSON.parse(text);
      const listed = report.results.reduce((n, r) => n + r.problems.length, 0);
      if (listed !== problems) found.push(`json: ${listed} problems, not ${problems}`);
    }
    if (name === 'sarif' || name === 'gitlab') JSON.parse(text);
    if (name === 'junit') {
      const bad = NOT_XML.exec(text);
      if (bad) found.push(`junit: U+${bad[0].codePointAt(0).toString(16).toUpperCase()} cannot be written in XML`);
    }
    if (name === 'stylish' || name === 'github') {
      const bad = UNSAFE_IN_REPORT.exec(text);
      if (bad) found.push(`${name}: raw U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} near ${show(text.slice(Math.max(0, bad.index - 40), bad.index + 40))}`);
    }
    if (name === 'github') {
      const stray = text.split('\n').find((line) => line !== '' && !line.startsWith('::'));
      if (stray !== undefined) found.push(`github: a line that is not a workflow command: ${show(stray)}`);
    }
  }
  return found;
}

/** Own properties of the built-in prototypes, to find pollution. */
export function prototypeSnapshot() {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Reflect.ownKeys(proto).map(String).sort().join(',')).join('|');
}

/**
 * The whole library pipeline for one input: lint without services, lint with offline services, the reports. Returns
 * the findings (empty: none) and the number of problems reported. `lib` is dist/index.js or the
 * sources; it must never throw.
 */
export async function checkPipeline(lib, input) {
  const file = 'pleo-client.yaml';
  const before = prototypeSnapshot();
  const found = [];
  const pure = lib.lint(input.bytes, { file });
  found.push(...checkResult(pure, { file, rulesById: lib.rulesById }).map((f) => `lint: ${f}`));
  const io = offlineIo(input.logo);
  const full = await lib.lint(input.bytes, { file }, io);
  found.push(...checkResult(full, { file, rulesById: lib.rulesById }).map((f) => `lint with services: ${f}`));
  if (io.requests > 0) found.push(`lint offline made ${io.requests} requests`);
  if (lib.loadFormatter) found.push(...(await checkReports([full], lib.loadFormatter, lib.formatOptions('0.0.0-fuzz'))));
  if (prototypeSnapshot() !== before || {}.polluted !== undefined) found.push('a built-in prototype changed');
  return { found, problems: full.problems.length };
}

/** This process's environment without the variables that change what the binary prints or writes. */
export function binaryEnv() {
  const env = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'GITHUB_STEP_SUMMARY']) delete env[key];
  return env;
}

/** The real binary on one input, through stdin; returns the findings and the exit code. */
export function checkBinary(input, cwd) {
  const bin = join(root, 'bin/pleo-register.js');
  const stylishPath = join(cwd, 'report.txt');
  const run = spawnSync(process.execPath, [bin, 'lint', '-', '--offline', '-f', 'json', '-f', `stylish=${stylishPath}`], {
    cwd,
    env: binaryEnv(),
    input: input.bytes,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const found = [];
  // Past 1 MiB + 1 byte the binary stops reading stdin, so writing the rest fails with EPIPE: as with `head`.
  const stoppedReading = run.error?.code === 'EPIPE' && input.bytes.length > 1024 * 1024 + 1;
  if (run.error && !stoppedReading) found.push(`spawn failed: ${run.error.message}`);
  if (run.status !== 0 && run.status !== 1) found.push(`exit code ${run.status} (signal ${run.signal}); stderr ${show(run.stderr ?? '')}`);
  for (const [name, text] of [['stdout', run.stdout ?? ''], ['stderr', run.stderr ?? '']]) {
    if (STACK_TRACE.test(text)) found.push(`a stack trace on ${name}: ${show(text.slice(text.search(STACK_TRACE) - 200))}`);
  }
  try {
    const report = JSON.parse(run.stdout);
    if (report.results?.length !== 1) found.push(`the JSON report has ${report.results?.length} results`);
  } catch (error) {
    found.push(`stdout is not JSON (${error.message}): ${show(run.stdout ?? '')}`);
  }
  try {
    const stylish = readFileSync(stylishPath, 'utf8');
    const bad = UNSAFE_IN_REPORT.exec(stylish);
    if (bad) found.push(`stylish: raw U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} near ${show(stylish.slice(Math.max(0, bad.index - 40), bad.index + 40))}`);
  } catch (error) {
    if (run.status === 0 || run.status === 1) found.push(`no stylish report (${error.message})`);
  }
  return { found, status: run.status };
}

/** A folder with ./brand/logo.png, where the binary runs (stdin's manifest is ./pleo-client.yaml there). */
export function binaryWorkdir() {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-fuzz-'));
  mkdirSync(join(dir, 'brand'));
  copyFileSync(join(root, 'fixtures/valid/brand/logo.png'), join(dir, 'brand/logo.png'));
  return dir;
}

/** An input as text for a report: decoded (bad bytes as U+FFFD), escaped, clipped. */
export function describeInput(input) {
  const text = new TextDecoder().decode(input.bytes);
  const shown = text.length > 3000 ? `${text.slice(0, 3000)}… (${text.length} characters)` : text;
  return `${input.kind}, ${input.bytes.length} bytes, logo answer ${input.logo}: ${JSON.stringify(shown)}`;
}

// ---------------------------------------------------------------------------------------------------
// npm run fuzz

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

async function main() {
  const { default: fc } = await import('fast-check');
  const lib = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const runs = option('runs', 10_000);
  const binaryRuns = option('binary', 200);
  const seed = option('seed', Date.now() % 2 ** 31);
  const replay = process.argv.includes('--path') ? process.argv[process.argv.indexOf('--path') + 1] : undefined;
  const inputs = manifestInputs(fc);
  console.log(`fuzz: ${runs} cases through dist/index.js, the first ${binaryRuns} of them also through bin/pleo-register.js; seed ${seed}`);

  const kinds = {};
  let problems = 0;
  let slowest = { ms: 0, kind: '' };
  let failed = false;
  const report = (phase, details) => {
    failed = true;
    const out = join(tmpdir(), `pleo-register-fuzz-${seed}-${phase}.bin`);
    if (details.counterexample) writeFileSync(out, details.counterexample[0].bytes);
    console.log(`\n✖ ${phase}: a property failed after ${details.numRuns} runs (${details.numShrinks} shrinks)`);
    console.log(`  seed ${details.seed}, path "${details.counterexample ? details.counterexamplePath : ''}" (re-run: node scripts/fuzz.js --seed ${details.seed})`);
    if (details.counterexample) console.log(`  counterexample (bytes in ${out}): ${describeInput(details.counterexample[0])}`);
    console.log(`  ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
  };

  const started = performance.now();
  let done = 0;
  const traceIndex = process.argv.indexOf('--trace');
  const trace = traceIndex === -1 ? undefined : openSync(process.argv[traceIndex + 1], 'w');
  const library = await fc.check(
    fc.asyncProperty(inputs, async (input) => {
      // One line before each case: a crash that fast-check cannot catch (out of memory) still names it.
      if (trace !== undefined) writeSync(trace, `${done} ${input.kind} ${input.bytes.length}\n`);
      if (replay !== undefined) writeFileSync(join(tmpdir(), `pleo-register-fuzz-${seed}-case.bin`), input.bytes);
      const t = performance.now();
      const { found, problems: reported } = await checkPipeline(lib, input);
      const ms = performance.now() - t;
      if (found.length > 0) throw new Error(found.join('\n  '));
      if (ms > slowest.ms) slowest = { ms, kind: `${input.kind}, ${input.bytes.length} bytes`, bytes: input.bytes };
      kinds[input.kind] = (kinds[input.kind] ?? 0) + 1;
      if (++done % 500 === 0) {
        const { heapUsed, rss } = process.memoryUsage();
        process.stderr.write(`  ${done} cases, ${((performance.now() - started) / 1000).toFixed(0)} s, heap ${(heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(rss / 2 ** 20).toFixed(0)} MiB\n`);
      }
      problems += reported;
    }),
    { numRuns: runs, seed, verbose: 0, ...(replay === undefined ? {} : { path: replay, endOnFailure: true }) },
  );
  const libraryMs = performance.now() - started;
  if (library.failed) report('library', library);
  else {
    const counted = Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ');
    const slowestPath = join(tmpdir(), `pleo-register-fuzz-${seed}-slowest.bin`);
    writeFileSync(slowestPath, slowest.bytes ?? new Uint8Array());
    console.log(`✔ library: ${library.numRuns} cases (${counted}) in ${(libraryMs / 1000).toFixed(1)} s; ${problems} problems reported`);
    console.log(`  slowest case ${slowest.ms.toFixed(0)} ms for both lints and six reports (${slowest.kind}; in ${slowestPath})`);
  }

  const cwd = binaryWorkdir();
  const binaryStarted = performance.now();
  const exits = {};
  try {
    const binary = await fc.check(
      fc.asyncProperty(inputs, async (input) => {
        const { found, status } = checkBinary(input, cwd);
        if (found.length > 0) throw new Error(found.join('\n  '));
        exits[status] = (exits[status] ?? 0) + 1;
      }),
      { numRuns: binaryRuns, seed, verbose: 0 },
    );
    if (binary.failed) report('binary', binary);
    else console.log(`✔ binary: ${binary.numRuns} cases in ${((performance.now() - binaryStarted) / 1000).toFixed(1)} s; exit codes ${JSON.stringify(exits)}`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
