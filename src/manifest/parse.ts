import { isUtf8 } from 'node:buffer';
import { Composer, isCollection, isMap, isPair, isScalar, LineCounter, Parser, YAMLParseError, type Document, type Node as YamlNode } from 'yaml';
import { clip } from '../text/describe.js';
import { collectComments, type Comment } from './comments.js';

export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_NESTING = 64;
const MAX_ALIAS_EXPANSIONS = 100;
/**
 * Line breaks plus flow-collection items (brackets and commas). Parsing costs time and memory per token
 * whatever the bytes, so 1 MiB of "a," or of line breaks costs far more than its size suggests. 100,000
 * bounds the worst file and lets through any manifest a person wrote.
 */
export const MAX_ENTRIES = 100_000;
/** Past this many, a file is garbage: the first ones are listed, and one more finding says so. */
export const MAX_SYNTAX_FINDINGS = 100;

/** A problem the loader found, in offsets; the `yaml-syntax` rule words it. */
export interface SyntaxFinding {
  messageId: string;
  data: Record<string, string | number>;
  start: number;
  end: number;
}

export interface ParsedManifest {
  text: string;
  lineCounter: LineCounter;
  /** Absent when the text is not a usable YAML mapping; rules then do not run. */
  doc?: Document.Parsed;
  data?: Record<string, unknown>;
  comments: Comment[];
  syntax: SyntaxFinding[];
}

/** Turns the bytes of a manifest into a document, data and syntax findings; never throws. */
export function parseManifest(bytes: Uint8Array): ParsedManifest {
  const empty = (text: string, finding: SyntaxFinding): ParsedManifest => ({
    text,
    lineCounter: countLines(text),
    comments: [],
    syntax: [finding],
  });

  if (bytes.length > MAX_MANIFEST_BYTES) {
    return empty('', { messageId: 'tooLarge', data: { limit: MAX_MANIFEST_BYTES }, start: 0, end: 0 });
  }
  const encoding = byteOrderMark(bytes);
  if (encoding) return empty('', { messageId: 'notUtf8', data: { encoding }, start: 0, end: 0 });
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const text = new TextDecoder().decode(bytes.subarray(0, bad));
    return empty(text, { messageId: 'invalidUtf8', data: { byte: hex(bytes[bad] ?? 0) }, start: text.length, end: text.length });
  }

  let text = new TextDecoder().decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseText(text);
}

export function parseText(text: string): ParsedManifest {
  // Line starts come from the text, not from the lexer: while it recovers from some errors
  // (`a: "x" y⏎  z`) the lexer reports no line break, and every later position moved up a line.
  const result: ParsedManifest = { text, lineCounter: countLines(text), comments: [], syntax: [] };
  const fail = (finding: SyntaxFinding) => {
    result.syntax.push(finding);
    return result;
  };

  const control = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const messageId = code === 0 ? (looksLikeUtf16(text) ? 'notUtf8' : 'nulByte') : 'controlCharacter';
    return fail({ messageId, data: { encoding: 'UTF-16', code: 'U+' + code.toString(16).toUpperCase().padStart(4, '0') }, start: control.index, end: control.index + 1 });
  }
  const scan = preScan(text);
  if (scan.tooDeep !== undefined) return fail({ messageId: 'tooDeep', data: { limit: MAX_NESTING }, start: scan.tooDeep, end: scan.tooDeep + 1 });
  if (scan.tooMany !== undefined) return fail({ messageId: 'tooManyEntries', data: { limit: MAX_ENTRIES }, start: scan.tooMany, end: scan.tooMany + 1 });
  if (text.trim() === '') return fail({ messageId: 'empty', data: {}, start: 0, end: 0 });

  let docs: Document.Parsed[];
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    // Every YAML error is an Error: a file of a million stray commas must not capture a million stacks.
    Error.stackTraceLimit = 0;
    const tokens = Array.from(new Parser().parse(text));
    // The composer's own unique-key check compares each key with every key before it (quadratic);
    // duplicateKeys does the same check with a Set. logLevel: no process warning on stderr for a
    // collection used as a key (`? [a]`); the schema reports the key.
    docs = Array.from(new Composer({ prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' }).compose(tokens, true, text.length));
    for (const composed of docs) for (const duplicate of duplicateKeys(composed)) composed.errors.push(duplicate);
    result.comments = collectComments(tokens);
  } catch (error) {
    return fail({ messageId: 'unparsable', data: { reason: describe(error) }, start: 0, end: 0 });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }

  const [doc, second] = docs;
  const nothing = doc?.contents === null || (isScalar(doc?.contents) && doc.contents.value === null && !doc.contents.source);
  if (!doc || nothing) {
    return docs.length > 0 && docs.every((d) => d.errors.length === 0)
      ? fail({ messageId: 'empty', data: {}, start: 0, end: 0 })
      : reportDocErrors(result, docs);
  }
  if (second) {
    const start = second.range[0];
    return fail({ messageId: 'multipleDocuments', data: { count: docs.length }, start, end: start + 3 });
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return reportDocErrors(result, [doc]);
  if (!isMap(doc.contents)) {
    const [start, end] = (doc.contents as YamlNode).range ?? [0, 0];
    return fail({ messageId: 'rootNotMapping', data: { found: describeNode(doc.contents) }, start, end });
  }
  const deep = deepestNode(doc.contents);
  if (deep) return fail({ messageId: 'tooDeep', data: { limit: MAX_NESTING }, start: deep[0], end: deep[1] });

  try {
    result.data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) as Record<string, unknown>;
  } catch (error) {
    const bomb = error instanceof ReferenceError && /excessive alias count/i.test(error.message);
    return fail({
      messageId: bomb ? 'aliasBomb' : 'invalidYaml',
      data: { limit: MAX_ALIAS_EXPANSIONS, reason: describe(error) },
      start: 0,
      end: 0,
    });
  }
  result.doc = doc;
  return result;
}

function reportDocErrors(result: ParsedManifest, docs: Document.Parsed[]): ParsedManifest {
  // In file order, so that past MAX_SYNTAX_FINDINGS the first ones are the ones listed.
  const problems = docs.flatMap((doc) => [...doc.errors, ...doc.warnings]).sort((a, b) => a.pos[0] - b.pos[0]);
  let tooDeep = false;
  for (const problem of problems) {
    const start = problem.pos[0];
    // At least one character wide, but never past the end of the text (an unclosed quote ends there).
    const end = Math.min(Math.max(problem.pos[1], start + 1), Math.max(start, result.text.length));
    const messageId =
      problem.code === 'DUPLICATE_KEY' ? 'duplicateKey'
      : problem.code === 'TAB_AS_INDENT' ? 'tabIndent'
      : problem.code === 'TAG_RESOLVE_FAILED' ? 'unknownTag'
      : problem.code === 'RESOURCE_EXHAUSTION' ? 'tooDeep'
      : 'invalidYaml';
    // A stack overflow surfaces once per unwound frame; one report says it.
    if (messageId === 'tooDeep' && tooDeep) continue;
    tooDeep ||= messageId === 'tooDeep';
    if (result.syntax.length === MAX_SYNTAX_FINDINGS) {
      result.syntax.push({ messageId: 'tooManyErrors', data: { limit: MAX_SYNTAX_FINDINGS }, start, end });
      break;
    }
    result.syntax.push({ messageId, data: { reason: firstSentence(problem.message), limit: MAX_NESTING }, start, end });
  }
  if (result.syntax.length === 0) result.syntax.push({ messageId: 'empty', data: {}, start: 0, end: 0 });
  return result;
}

/**
 * Keys that repeat within one mapping, as the composer's `uniqueKeys` reports them (scalar keys with
 * equal values; NaN never equals itself), in linear time. Iterative: documents can be deep.
 */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const keys = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      const key = item.key;
      if (keys && isScalar(key) && (key.value === null || typeof key.value !== 'object') && !Number.isNaN(key.value)) {
        const start = key.range?.[0] ?? 0;
        if (keys.has(key.value)) found.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else keys.add(key.value);
      }
      stack.push(key, item.value);
    }
  }
  return found;
}

/**
 * Cheap pre-scan so that a pile of brackets, or of lines and commas, never reaches the parser and the
 * recursive composer: returns the offset of the first bracket nested deeper than MAX_NESTING, or of the
 * line break or flow item past MAX_ENTRIES. Brackets and commas in comments and in quoted values do not
 * count; the scan only needs to be right for flow collections, since the composed document is measured
 * again afterwards.
 */
function preScan(text: string): { tooDeep?: number; tooMany?: number } {
  let depth = 0;
  let quote = 0;
  let entries = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a && ++entries > MAX_ENTRIES) return { tooMany: i };
    if (quote !== 0) {
      if (c === 0x5c && quote === 0x22) i++; // an escape inside "…"
      else if (c === quote) quote = 0;
      continue;
    }
    const previous = i === 0 ? 0x0a : text.charCodeAt(i - 1);
    const atTokenStart = previous === 0x0a || previous === 0x20 || previous === 0x09 || previous === 0x5b || previous === 0x7b || previous === 0x2c || previous === 0x3a;
    if ((c === 0x22 || c === 0x27) && atTokenStart) quote = c;
    else if (c === 0x23 && (previous === 0x0a || previous === 0x20 || previous === 0x09)) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1; // the line break is counted next
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return { tooDeep: i };
      if (++entries > MAX_ENTRIES) return { tooMany: i };
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    else if (c === 0x2c && depth > 0 && ++entries > MAX_ENTRIES) return { tooMany: i };
  }
  return {};
}

function deepestNode(root: YamlNode): [number, number] | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_NESTING) return (node.range ?? [0, 0]).slice(0, 2) as [number, number];
    for (const item of node.items as unknown[]) {
      if (item && typeof item === 'object' && 'value' in item && 'key' in item) {
        stack.push([(item as { key: unknown }).key, depth + 1], [(item as { value: unknown }).value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (length: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that decodes while streaming (so a cut sequence is not an error yet), found by halving.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (decodes(mid, true)) low = mid;
    else high = mid - 1;
  }
  // Step back to the start of an unfinished sequence, so the offset names its first byte.
  for (let back = 0; back < 3 && low > 0 && !decodes(low, false); back++) low--;
  return low;
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return 'UTF-32';
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'UTF-16';
  return undefined;
}

function looksLikeUtf16(text: string): boolean {
  const sample = text.slice(0, 64);
  let nul = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nul++;
  return nul >= sample.length / 3;
}

function describeNode(node: unknown): string {
  if (isCollection(node)) return 'a list';
  const value = (node as { value?: unknown } | null)?.value;
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function describe(error: unknown): string {
  return firstSentence(error instanceof Error ? error.message : String(error));
}

/** The first line of a YAML error, which may quote the manifest: clipped, invisible characters spelled out. */
function firstSentence(message: string): string {
  return clip(message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''), 200);
}

function hex(byte: number): string {
  return '0x' + byte.toString(16).toUpperCase().padStart(2, '0');
}
