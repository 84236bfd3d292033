import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import { fromJsonPointer, toJsonPointer, type SeveritySetting } from '../diagnostics.js';
import { parseDirectives, type Directive } from '../engine/directives.js';
import { lint } from '../engine/lint.js';
import { MAX_MANIFEST_BYTES, parseText, type ParsedManifest } from '../manifest/parse.js';
import { clip } from '../text/describe.js';
import { analyseCanonical, looksLikeUrl, parseUrl, quoteUri, WEB_URI_KEYS, type CanonicalMessageId } from '../uri/uri.js';
import type { RuleSettings } from '../rules/define-rule.js';
import type { ScopeCatalogue } from '../scopes.js';
import { emitScalar, trimmed } from './scalar.js';

/** One change `fixManifest` made, located in the text it was given. */
export interface Fix {
  /** The rule whose problem the change removes; `schema-modeline` (not a lint rule) for the modeline. */
  ruleId: string;
  /** 1-based line in the original text. */
  line: number;
  description: string;
  /** JSON Pointer of the value in the original manifest ("" for the modeline). */
  path: string;
  action: 'replace' | 'remove' | 'insert';
}

export interface FixResult {
  text: string;
  fixes: Fix[];
}

export interface FixOptions {
  /** The package version for the schema modeline; without it (and without `schemaLocation`) no modeline is added. */
  version?: string;
  /** Where the modeline points; default `https://unpkg.com/pleo-register@<version>/schemas/pleo-client.schema.json`. */
  schemaLocation?: string;
  /** Rule severities (configuration and `--rule`): a fix for a rule set to `off` is not made. */
  severities?: Readonly<Record<string, SeveritySetting>>;
}

export const MODELINE_RULE = 'schema-modeline';
const MODELINE = /^#\s*yaml-language-server:\s*\$schema=/;
const LIST_KEYS = new Set(['contacts', 'redirect_uris', 'scopes']);
const STRING_KEYS = new Set(['environment', 'client_name', 'client_uri', 'logo', 'tos_uri', 'policy_uri', 'initiation_uri', 'settings_uri', 'client_type', 'pkce', 'subject_type']);
const URI_KEYS: ReadonlySet<string> = new Set(WEB_URI_KEYS);
/** The only differences from the canonical form a fix may remove: they never change what the URL names. */
const CASE_AND_PORT: ReadonlySet<CanonicalMessageId> = new Set(['schemeCase', 'hostCase', 'defaultPort']);
/** Past this many changes, a set that fails its checks is not searched for a subset that passes. */
const MAX_EDITS_ONE_BY_ONE = 100;

/** Which rule reports surrounding white space in each key's value. */
const TRIM_RULE: Readonly<Record<string, string>> = {
  client_name: 'client-name',
  contacts: 'contact-email',
  redirect_uris: 'redirect-uri-exact',
  scopes: 'scope-format',
  pkce: 'pkce-s256',
  logo: 'logo-readable',
  environment: 'schema',
  client_type: 'schema',
  subject_type: 'schema',
};
const DUPLICATE_RULE: Readonly<Record<string, string>> = { contacts: 'contact-email', redirect_uris: 'redirect-uri-unique', scopes: 'scope-unique' };

type Change = { kind: 'set'; key: string; index?: number; value: string } | { kind: 'remove'; key: string; indices: number[] } | { kind: 'none' };

interface Edit {
  start: number;
  end: number;
  text: string;
  fixes: Fix[];
  change: Change;
}

/**
 * Applies the fixes that cannot change what the manifest means, by editing the text at the nodes
 * concerned (everything else, comments and layout included, stays byte for byte):
 * - surrounding white space of string values is removed;
 * - a URI's scheme and host are written in lower case and a default port is dropped, when that is the
 *   only difference from its canonical form (web pages and a logo URL; not redirect URIs, which Pleo
 *   compares with what the application sends, string for string);
 * - a legacy scope becomes its documented replacement, or goes when the replacement is listed;
 * - an exact repeat in `redirect_uris`, `scopes` or `contacts` is removed (the first stays; a comment
 *   on the removed line stays on a line of its own);
 * - the schema modeline is added when there is none (given a version).
 * Values under `x-*`, values that are not strings, anchored or aliased values, and anything a
 * `pleo-register-disable…` directive keeps are left alone. A file with YAML syntax problems is
 * returned unchanged. Every result is checked: it must parse to the intended data with every comment
 * of the original, and lint with no problem the original did not have; a change that fails is dropped.
 */
export function fixManifest(text: string, settings: RuleSettings, options: FixOptions = {}): FixResult {
  const catalogue = settings.scopes;
  const parsed = parseText(text);
  if (parsed.syntax.length > 0 || !parsed.data || !parsed.doc || !isMap(parsed.doc.contents)) return { text, fixes: [] };
  const edits = planEdits(parsed, catalogue, options);
  if (edits.length === 0) return { text, fixes: [] };

  const check = createChecker(parsed, settings, options);
  const all = check(edits);
  if (all !== undefined) return { text: all, fixes: fixesOf(edits) };
  if (edits.length > MAX_EDITS_ONE_BY_ONE) return { text, fixes: [] };
  // Some change fails its checks: keep, in document order, each one that passes with those kept so
  // far, and go round again while that keeps more (removing a repeat can let its first copy be
  // trimmed), so that fixing the result again finds nothing left.
  const kept: Edit[] = [];
  let result = text;
  let left = edits;
  for (let progress = true; progress && left.length > 0; ) {
    progress = false;
    const next: Edit[] = [];
    for (const edit of left) {
      const candidate = check([...kept, edit]);
      if (candidate === undefined) {
        next.push(edit);
        continue;
      }
      kept.push(edit);
      result = candidate;
      progress = true;
    }
    left = next;
  }
  return { text: result, fixes: fixesOf(kept) };
}

function fixesOf(edits: readonly Edit[]): Fix[] {
  return edits.flatMap((edit) => edit.fixes).sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------------------------
// Planning: what to change, as text edits at node ranges.

function planEdits(parsed: ParsedManifest, catalogue: ScopeCatalogue, options: FixOptions): Edit[] {
  const { text } = parsed;
  const root = parsed.doc!.contents as unknown as { items: Pair[]; flow?: boolean };
  const directives = parseDirectives(parsed.comments, parsed.lineCounter);
  const lineOf = (offset: number) => parsed.lineCounter.linePos(offset).line;
  const enabled = (ruleId: string, line: number) => options.severities?.[ruleId] !== 'off' && !silenced(directives, ruleId, line);
  const edits: Edit[] = [];

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') continue;
    if (STRING_KEYS.has(key)) {
      const node = fixableScalar(pair.value);
      if (!node) continue;
      const planned = planValue(node.value, key, [key], catalogue);
      const fixes = planned.fixes.filter((fix) => enabled(fix.ruleId, lineOf(node.range![0])));
      if (fixes.length === 0) continue;
      const value = fixes.length === planned.fixes.length ? planned.value : replay(node.value, fixes, key, catalogue);
      if (value === undefined) continue;
      edits.push(replaceEdit(parsed, node, value, root.flow === true, fixes, { kind: 'set', key, value }, lineOf));
    } else if (LIST_KEYS.has(key) && isSeq(pair.value)) {
      edits.push(...planList(parsed, key, pair.value, catalogue, directives, enabled, lineOf));
    }
  }

  const location = options.schemaLocation ?? (options.version ? `https://unpkg.com/pleo-register@${options.version}/schemas/pleo-client.schema.json` : undefined);
  if (location && !parsed.comments.some((c) => MODELINE.test(c.text)) && options.severities?.[MODELINE_RULE] !== 'off') {
    const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const modeline = `# yaml-language-server: $schema=${location}`;
    edits.push({
      start: at,
      end: at,
      text: modeline + eolOf(text),
      fixes: [{ ruleId: MODELINE_RULE, line: 1, description: `Added the schema modeline for ${location}.`, path: '', action: 'insert' }],
      change: { kind: 'none' },
    });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** A string scalar a fix may rewrite: no anchor (aliases elsewhere would change with it), no alias, a source range. */
function fixableScalar(node: unknown): (Scalar<string> & { range: [number, number, number] }) | undefined {
  if (!isScalar(node) || isAlias(node) || typeof node.value !== 'string' || node.anchor || !node.range) return undefined;
  return node as Scalar<string> & { range: [number, number, number] };
}

interface PlannedValue {
  value: string;
  fixes: Fix[];
}

/** The fixed value of one string, and what was done to it (path, line and action filled in by the caller). */
function planValue(original: string, key: string, path: (string | number)[], catalogue: ScopeCatalogue): PlannedValue {
  const label = typeof path[1] === 'number' ? `${key}[${path[1]}]` : key;
  const fixes: Fix[] = [];
  const add = (ruleId: string, description: string) => fixes.push({ ruleId, line: 0, description, path: toJsonPointer(path), action: 'replace' });
  let value = original;
  const trim = trimmed(value);
  if (trim !== undefined) {
    add(TRIM_RULE[key] ?? (URI_KEYS.has(key) ? 'uri-canonical' : 'schema'), `Removed the white space around ${label} "${show(trim, key)}".`);
    value = trim;
  }
  if (URI_KEYS.has(key) && (key !== 'logo' || looksLikeUrl(value))) {
    const canonical = caseAndPort(value);
    if (canonical) {
      add('uri-canonical', `Wrote ${label} "${show(value, key)}" as "${show(canonical.uri, key)}" (${canonical.what}).`);
      value = canonical.uri;
    }
  }
  if (key === 'scopes') {
    const replacement = legacyReplacement(value, catalogue);
    if (replacement !== undefined) {
      add('scope-known', `Replaced the legacy scope "${clip(value)}" with "${clip(replacement)}", its documented replacement.`);
      value = replacement;
    }
  }
  return { value, fixes };
}

/** The value with only the fixes kept (some were turned off or silenced). */
function replay(original: string, kept: readonly Fix[], key: string, catalogue: ScopeCatalogue): string | undefined {
  const wanted = new Set(kept.map((fix) => fix.ruleId));
  let value = original;
  const trim = trimmed(value);
  if (trim !== undefined) {
    if (!wanted.has(TRIM_RULE[key] ?? (URI_KEYS.has(key) ? 'uri-canonical' : 'schema'))) return undefined;
    value = trim;
  }
  if (wanted.has('uri-canonical') && URI_KEYS.has(key)) value = caseAndPort(value)?.uri ?? value;
  if (wanted.has('scope-known') && key === 'scopes') value = legacyReplacement(value, catalogue) ?? value;
  return value === original ? undefined : value;
}

function show(value: string, key: string): string {
  return URI_KEYS.has(key) || key === 'redirect_uris' ? quoteUri(value, { redact: () => undefined }) : clip(value);
}

function legacyReplacement(scope: string, catalogue: ScopeCatalogue): string | undefined {
  const entry = catalogue.entries.get(scope);
  if (entry?.status !== 'legacy' || !entry.replacement || entry.replacement === scope) return undefined;
  return catalogue.entries.get(entry.replacement)?.status === 'legacy' ? undefined : entry.replacement;
}

/**
 * The URI with its scheme and host in lower case and a default port dropped, when those are all that
 * set it apart from its canonical form and the WHATWG parser reads both as the same URL.
 */
function caseAndPort(raw: string): { uri: string; what: string } | undefined {
  const analysis = analyseCanonical(raw);
  if (!analysis || analysis.findings.length === 0 || analysis.parts.text !== raw) return undefined;
  if (!analysis.findings.every((finding) => CASE_AND_PORT.has(finding.messageId))) return undefined;
  const { scheme, slashes, userinfo, host, port, rest } = analysis.parts;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const uri = `${scheme.toLowerCase()}:${slashes}${userinfo === undefined ? '' : `${userinfo}@`}${host.toLowerCase()}${port === undefined || port === defaultPort ? '' : `:${port}`}${rest}`;
  const after = analyseCanonical(uri);
  if (!after || after.findings.length > 0 || parseUrl(uri)?.href !== analysis.url.href) return undefined;
  const ids = new Set(analysis.findings.map((finding) => finding.messageId));
  const what = [ids.has('schemeCase') && 'lower-case scheme', ids.has('hostCase') && 'lower-case host', ids.has('defaultPort') && 'no default port'].filter(Boolean).join(', ');
  return { uri, what };
}

function planList(
  parsed: ParsedManifest,
  key: string,
  seq: YAMLSeq,
  catalogue: ScopeCatalogue,
  directives: readonly Directive[],
  enabled: (ruleId: string, line: number) => boolean,
  lineOf: (offset: number) => number,
): Edit[] {
  const items = seq.items as unknown[];
  // The value each item ends with, fixes applied; items that cannot be rewritten keep theirs.
  const plans = items.map((item, index) => {
    const node = fixableScalar(item);
    if (!node) return { node: undefined, value: isAlias(item) || !isScalar(item) ? undefined : (item.value as unknown), fixes: [] as Fix[] };
    const line = lineOf(node.range[0]);
    const planned = planValue(node.value, key, [key, index], catalogue);
    const fixes = planned.fixes.filter((fix) => enabled(fix.ruleId, line));
    const value = fixes.length === planned.fixes.length ? planned.value : replay(node.value, fixes, key, catalogue) ?? node.value;
    return { node, value: value as unknown, fixes };
  });
  for (const plan of plans) for (const fix of plan.fixes) fix.line = lineOf(plan.node!.range[0]);

  // A legacy scope whose replacement is listed already goes, rather than becoming a repeat.
  const legacy = plans.map((plan) => {
    const original = plan.node?.value;
    return key === 'scopes' && original !== undefined ? legacyReplacement(trimmed(original) ?? original, catalogue) : undefined;
  });
  const listed = new Set(plans.filter((_, index) => legacy[index] === undefined).map((plan) => plan.value));
  const removed = new Map<number, Fix>();
  const seen = new Map<unknown, number>();
  plans.forEach((plan, index) => {
    const node = plan.node;
    const line = node ? lineOf(node.range[0]) : 0;
    // Removing the line a directive points at would point it at the next one.
    const removable = node !== undefined && !directives.some((d) => d.kind === 'disable-next-line' && d.line + 1 === line);
    const replacement = legacy[index];
    if (removable && replacement !== undefined && listed.has(replacement) && enabled('scope-known', line)) {
      removed.set(index, {
        ruleId: 'scope-known',
        line,
        description: `Removed the legacy scope "${clip(node.value)}": its replacement "${clip(replacement)}" is already listed.`,
        path: toJsonPointer([key, index]),
        action: 'remove',
      });
      return;
    }
    const first = seen.get(plan.value);
    if (first === undefined) {
      seen.set(plan.value, index);
      return;
    }
    // An exact repeat is the duplicate rule's; one that repeats only once fixed, the fix's rule.
    const exact = node !== undefined && plan.fixes.length === 0;
    const rule = exact ? DUPLICATE_RULE[key]! : plan.fixes[0]?.ruleId ?? DUPLICATE_RULE[key]!;
    if (!removable || typeof plan.value !== 'string' || !enabled(rule, line)) return;
    // List items are only trimmed or renamed (redirect URIs keep their case and port).
    const how = [...new Set(plan.fixes.map((fix) => (fix.ruleId === 'scope-known' ? ' under its legacy name' : ' with white space around it')))].join(' and');
    removed.set(index, {
      ruleId: rule,
      line,
      description: `Removed ${key}[${index}] "${show(node.value, key)}", a repeat of ${key}[${first}]${how}.`,
      path: toJsonPointer([key, index]),
      action: 'remove',
    });
  });

  const edits: Edit[] = [];
  plans.forEach((plan, index) => {
    if (removed.has(index) || !plan.node || plan.fixes.length === 0 || plan.value === plan.node.value) return;
    edits.push(replaceEdit(parsed, plan.node, plan.value as string, seq.flow === true, plan.fixes, { kind: 'set', key, index, value: plan.value as string }, lineOf));
  });
  edits.push(...(seq.flow ? removeFlowItems(parsed, key, seq, removed) : removeBlockItems(parsed, key, seq, removed)));
  return edits;
}

function replaceEdit(
  parsed: ParsedManifest,
  node: Scalar<string> & { range: [number, number, number] },
  value: string,
  flow: boolean,
  fixes: Fix[],
  change: Change,
  lineOf: (offset: number) => number,
): Edit {
  const [start, end] = node.range;
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  // A block scalar's range runs to the start of the next line: keep that line break.
  const lineBreak = block ? /\r?\n$/.exec(parsed.text.slice(start, end))?.[0] ?? '' : '';
  const line = lineOf(start);
  return { start, end, text: emitScalar(value, node.type, flow) + lineBreak, fixes: fixes.map((fix) => ({ ...fix, line })), change };
}

/**
 * Removes items of a block sequence, a line each. An item must sit on its own line with its dash; a
 * comment after it stays, on a line of its own at the dash's indentation.
 */
function removeBlockItems(parsed: ParsedManifest, key: string, seq: YAMLSeq, removed: ReadonlyMap<number, Fix>): Edit[] {
  const { text } = parsed;
  const edits: Edit[] = [];
  for (const [index, fix] of removed) {
    const node = seq.items[index] as YamlNode;
    const [start, valueEnd] = node.range!;
    const dash = text.lastIndexOf('-', start - 1);
    const lineStart = text.lastIndexOf('\n', dash) + 1;
    const indent = text.slice(lineStart, dash);
    if (dash < 0 || !/^[ \t]*$/.test(indent) || !/^[ \t]*$/.test(text.slice(dash + 1, start)) || text.slice(dash + 1, start) === '') continue;
    const newline = text.indexOf('\n', valueEnd);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const after = text.slice(valueEnd, newline < 0 ? text.length : newline).replace(/\r$/, '');
    const comment = /^[ \t]*(#.*)?$/.exec(after);
    if (!comment || text.slice(start, valueEnd).includes('\n')) continue;
    const eol = newline < 0 ? '' : text[newline - 1] === '\r' ? '\r\n' : '\n';
    const kept = comment[1] ? `${indent}${comment[1].trimEnd()}${eol}` : '';
    const description = comment[1] ? `${fix.description.slice(0, -1)}; its comment stays on a line of its own.` : fix.description;
    edits.push({ start: lineStart, end: lineEnd, text: kept, fixes: [{ ...fix, description }], change: { kind: 'remove', key, indices: [index] } });
  }
  return edits;
}

/**
 * Removes items of a flow sequence with the comma after each (the items after the last one kept go
 * with the comma before them, in one cut); never across a comment.
 */
function removeFlowItems(parsed: ParsedManifest, key: string, seq: YAMLSeq, removed: ReadonlyMap<number, Fix>): Edit[] {
  const items = seq.items as YamlNode[];
  const [seqStart, , seqEnd] = seq.range!;
  if (removed.size === 0 || items.some((item) => !item.range) || parsed.comments.some((c) => c.offset > seqStart && c.offset < seqEnd)) return [];
  const lastKept = items.map((_, i) => i).filter((i) => !removed.has(i)).pop();
  if (lastKept === undefined) return [];
  const edits: Edit[] = [];
  for (const [index, fix] of removed) {
    if (index > lastKept) continue;
    edits.push({ start: items[index]!.range![0], end: items[index + 1]!.range![0], text: '', fixes: [fix], change: { kind: 'remove', key, indices: [index] } });
  }
  const trailing = [...removed.keys()].filter((i) => i > lastKept).sort((a, b) => a - b);
  if (trailing.length > 0) {
    edits.push({
      start: items[lastKept]!.range![1],
      end: items[items.length - 1]!.range![1],
      text: '',
      fixes: trailing.map((i) => removed.get(i)!),
      change: { kind: 'remove', key, indices: trailing },
    });
  }
  return edits;
}

/** Whether a directive with a reason silences `ruleId` on `line` (or in the whole file). */
function silenced(directives: readonly Directive[], ruleId: string, line: number): boolean {
  return directives.some((d) => d.reason !== '' && d.ruleIds.includes(ruleId) && (d.kind === 'disable' || d.line + 1 === line));
}

function eolOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

// ---------------------------------------------------------------------------------------------
// Checking: a set of edits is applied only when the result says what was intended and lints no worse.

function createChecker(parsed: ParsedManifest, settings: RuleSettings, options: FixOptions) {
  const lintOptions = { file: 'pleo-client.yaml', severities: options.severities, settings };
  const before = problemCounts(lint(parsed.text, lintOptions).problems, new Map());
  const comments = countTexts(parsed.comments.map((c) => c.text.trimEnd()));
  return (edits: readonly Edit[]): string | undefined => {
    const text = applyEdits(parsed.text, edits);
    const after = parseText(text);
    if (after.syntax.length > 0 || !after.data) return undefined;
    const expected = expectedData(parsed.data!, edits);
    if (!isDeepStrictEqual(after.data, expected) || Object.keys(after.data).join('\n') !== Object.keys(expected).join('\n')) return undefined;
    const kept = countTexts(after.comments.map((c) => c.text.trimEnd()));
    for (const [comment, count] of comments) if ((kept.get(comment) ?? 0) < count) return undefined;
    const counts = problemCounts(lint(text, lintOptions).problems, keptIndices(parsed.data!, edits));
    for (const [problem, count] of counts) if ((before.get(problem) ?? 0) < count) return undefined;
    return text;
  };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function removedIndices(edits: readonly Edit[]): Map<string, Set<number>> {
  const removed = new Map<string, Set<number>>();
  for (const edit of edits) {
    if (edit.change.kind !== 'remove') continue;
    const set = removed.get(edit.change.key) ?? new Set<number>();
    for (const index of edit.change.indices) set.add(index);
    removed.set(edit.change.key, set);
  }
  return removed;
}

function expectedData(data: Record<string, unknown>, edits: readonly Edit[]): Record<string, unknown> {
  const result = structuredClone(data);
  for (const { change } of edits) {
    if (change.kind !== 'set') continue;
    if (change.index === undefined) result[change.key] = change.value;
    else (result[change.key] as unknown[])[change.index] = change.value;
  }
  for (const [key, indices] of removedIndices(edits)) result[key] = (result[key] as unknown[]).filter((_, i) => !indices.has(i));
  return result;
}

/**
 * Problems counted by rule and JSON Pointer. After items were removed, a list item's pointer is mapped
 * back to the index it had in the original, so the same problem counts as the same.
 */
function problemCounts(problems: readonly { ruleId: string; path: string }[], kept: ReadonlyMap<string, readonly number[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    let pointer = problem.path;
    const path = fromJsonPointer(pointer);
    const indices = typeof path[0] === 'string' ? kept.get(path[0]) : undefined;
    if (indices && typeof path[1] === 'number') pointer = toJsonPointer([path[0]!, indices[path[1]] ?? -1, ...path.slice(2)]);
    const key = `${problem.ruleId} ${pointer}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** For each list with removed items: the original index of each item left, in order. */
function keptIndices(data: Record<string, unknown>, edits: readonly Edit[]): Map<string, number[]> {
  const kept = new Map<string, number[]>();
  for (const [key, removed] of removedIndices(edits)) {
    const length = Array.isArray(data[key]) ? data[key].length : 0;
    kept.set(key, Array.from({ length }, (_, i) => i).filter((i) => !removed.has(i)));
  }
  return kept;
}

function countTexts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return counts;
}

/**
 * `fixManifest` for a file's bytes, as the CLI reads them: bytes that are not UTF-8, or over the
 * manifest size limit, come back unchanged (lint reports them); a byte order mark stays.
 */
export function fixBytes(bytes: Uint8Array, settings: RuleSettings, options: FixOptions = {}): { bytes: Uint8Array; fixes: Fix[]; before: string; after: string } {
  let before: string;
  try {
    if (bytes.length > MAX_MANIFEST_BYTES) throw new RangeError('too large');
    before = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { bytes, fixes: [], before: '', after: '' };
  }
  const { text, fixes } = fixManifest(before, settings, options);
  return { bytes: text === before ? bytes : new TextEncoder().encode(text), fixes, before, after: text };
}
