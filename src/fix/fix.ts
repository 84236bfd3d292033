import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import { fromJsonPointer, toJsonPointer, type JsonPath, type Problem, type ProblemFix, type SeveritySetting } from '../diagnostics.js';
import { parseDirectives, type Directive } from '../engine/directives.js';
import { lint } from '../engine/lint.js';
import { MAX_MANIFEST_BYTES, parseText, type ParsedManifest } from '../manifest/parse.js';
import type { RuleSettings } from '../rules/define-rule.js';
import { emitScalar } from './scalar.js';

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
/** Fixes can enable others (white space first, then case; a repeat once trimmed): at most this many rounds, as ESLint. */
const MAX_PASSES = 10;
/** Restarts after a value's fixes went wrong, each with more values left alone. */
const MAX_ATTEMPTS = 5;
/** Past this many changes, a set that fails its checks is not searched for a subset that passes. */
const MAX_EDITS_ONE_BY_ONE = 100;

type Change = { kind: 'set'; key: string; index?: number; value: string } | { kind: 'remove'; key: string; indices: number[] };

/** A fix a problem offered, as a text edit; `fixes` are in the pass's own terms until `record` maps them back. */
interface Edit {
  start: number;
  end: number;
  text: string;
  fixes: Fix[];
  change: Change;
}

/** Where a list item of the text being fixed came from: for each list with removed items, the original index of each item left. */
type Origins = Map<string, number[]>;

/**
 * Applies the fixes that the rules offer with their problems — changes that cannot alter what the
 * manifest means — by editing the text at the nodes concerned, so everything else, comments and
 * layout included, stays byte for byte; and adds the schema modeline when there is none (given a
 * version). It lints, applies what the problems offer, and lints again, as long as that changes
 * something: one fix can make another possible (white space, then letter case).
 *
 * It knows no rule: a rule off, or silenced by a directive, reports nothing and so offers nothing.
 * It never rewrites anchored or aliased values, never removes a line a `disable-next-line` directive
 * points at, and returns a file with YAML syntax problems unchanged. Every round is checked: the
 * result must parse to the intended data with every comment of its input, and lint with no problem
 * its input did not have; a change that fails is dropped.
 */
export function fixManifest(text: string, settings: RuleSettings, options: FixOptions = {}): FixResult {
  const original = parseText(text);
  if (original.syntax.length > 0 || !original.data || !original.doc || !isMap(original.doc.contents)) return { text, fixes: [] };
  const lintOptions: LintOptions = { file: 'pleo-client.yaml', severities: options.severities, settings };
  const problems = lint(text, lintOptions).problems;
  // A value whose fixes leave it with a problem it did not have is left as it was, and the rounds run again without it.
  const frozen = new Set<string>();
  let outcome = fixRounds(original, problems, lintOptions, frozen);
  for (let attempt = 0; attempt < MAX_ATTEMPTS && outcome.made.length > 0; attempt++) {
    const worse = newProblems(problems, outcome.problems, outcome.origins);
    if (worse.length === 0) break;
    // The values the new problems are at; else the other fixed items of their list (a trimmed item can make another a repeat); else every fixed value.
    const fixed = outcome.made.map((entry) => entry.fix.path).filter((path) => path !== '' && !frozen.has(path));
    const at = fixed.filter((path) => worse.includes(path));
    const beside = fixed.filter((path) => worse.some((pointer) => topKey(pointer) === topKey(path)));
    const more = at.length > 0 ? at : beside.length > 0 ? beside : fixed;
    if (more.length === 0 || attempt === MAX_ATTEMPTS - 1) {
      outcome = { ...outcome, current: original, made: [] };
      break;
    }
    for (const path of more) frozen.add(path);
    outcome = fixRounds(original, problems, lintOptions, frozen);
  }
  const made = [...outcome.made];
  const modeline = addModeline(outcome.current, original, options);
  if (modeline) made.push({ fix: modeline.fix, offset: -1 });
  const result = modeline?.text ?? outcome.current.text;
  const fixes = made.sort((a, b) => a.fix.line - b.fix.line || a.offset - b.offset).map((entry) => entry.fix);
  return { text: result, fixes: result === text ? [] : fixes };
}

interface Rounds {
  current: ParsedManifest;
  /** The problems of `current`. */
  problems: readonly Problem[];
  origins: Origins;
  made: { fix: Fix; offset: number }[];
}

/** Lints, makes the fixes the problems offer, and goes again while that changes something. */
function fixRounds(original: ParsedManifest, problems: readonly Problem[], lintOptions: LintOptions, frozen: ReadonlySet<string>): Rounds {
  let rounds: Rounds = { current: original, problems, origins: new Map(), made: [] };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { current, origins } = rounds;
    const edits = planEdits(current, rounds.problems, (pointer) => frozen.has(mapPointer(pointer, origins)));
    if (edits.length === 0) break;
    const kept = keepPassing(current, edits, rounds.problems, lintOptions);
    if (kept.edits.length === 0) break;
    const made = kept.edits.flatMap((edit) => edit.fixes.map((fix) => inOriginal(original, origins, fix)));
    rounds = { current: parseText(kept.text), problems: kept.problems, origins: afterRemovals(origins, current, kept.edits), made: [...rounds.made, ...made] };
  }
  return rounds;
}

function topKey(pointer: string): string | number | undefined {
  return fromJsonPointer(pointer)[0];
}

/** Pointers (in the original) of problems the fixed text has and the original had not. */
function newProblems(before: readonly Problem[], after: readonly Problem[], origins: Origins): string[] {
  const counts = problemCounts(before, new Map());
  const worse: string[] = [];
  for (const [key, count] of problemCounts(after, origins)) if ((counts.get(key) ?? 0) < count) worse.push(key.slice(key.indexOf(' ') + 1));
  return worse;
}

// ---------------------------------------------------------------------------------------------
// Planning: the fixes the problems offer, as text edits at node ranges.

function planEdits(parsed: ParsedManifest, problems: readonly Problem[], frozen: (pointer: string) => boolean): Edit[] {
  const root = parsed.doc!.contents as unknown as { items: Pair[]; flow?: boolean };
  const directives = parseDirectives(parsed.comments, parsed.lineCounter);
  const lineOf = (offset: number) => parsed.lineCounter.linePos(offset).line;
  const edits: Edit[] = [];
  const removals = new Map<YAMLSeq, { key: string; removed: Map<number, Fix> }>();
  const taken = new Set<string>();
  // Problems come in document order: the first fix offered for a value is the one made in this round.
  for (const problem of problems) {
    if (!problem.fix || taken.has(problem.path) || frozen(problem.path)) continue;
    const path = fromJsonPointer(problem.path);
    const found = nodeAt(root, path);
    const node = fixableScalar(found?.node);
    if (!found || !node) continue;
    let offered: ProblemFix = problem.fix;
    // Removing the line a directive points at would point it at the next one.
    if (offered.kind === 'remove' && directives.some((d) => d.kind === 'disable-next-line' && d.line + 1 === lineOf(node.range[0]))) {
      if (!offered.otherwise) continue;
      offered = offered.otherwise;
    }
    const fix: Fix = { ruleId: problem.ruleId, line: lineOf(node.range[0]), description: offered.description, path: problem.path, action: offered.kind === 'set' ? 'replace' : 'remove' };
    if (offered.kind === 'set') {
      if (node.value === offered.value) continue;
      const change: Change = { kind: 'set', key: found.key, ...(found.seq && { index: path[1] as number }), value: offered.value };
      edits.push(replaceEdit(parsed, node, offered.value, (found.seq ?? root).flow === true, fix, change));
    } else if (found.seq) {
      const list = removals.get(found.seq) ?? { key: found.key, removed: new Map<number, Fix>() };
      list.removed.set(path[1] as number, fix);
      removals.set(found.seq, list);
    }
    taken.add(problem.path);
  }
  for (const [seq, { key, removed }] of removals) edits.push(...(seq.flow ? removeFlowItems(parsed, key, seq, removed) : removeBlockItems(parsed, key, seq, removed)));
  return edits.sort((a, b) => a.start - b.start);
}

/** The node at a top-level key, or at an item of a top-level list: the only places a fix is made. */
function nodeAt(root: { items: Pair[] }, path: JsonPath): { key: string; node: unknown; seq?: YAMLSeq } | undefined {
  const [key, index] = path;
  if (typeof key !== 'string' || path.length > 2) return undefined;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair) return undefined;
  if (path.length === 1) return { key, node: pair.value };
  if (!isSeq(pair.value) || typeof index !== 'number') return undefined;
  return { key, node: pair.value.items[index], seq: pair.value };
}

/** A string scalar a fix may rewrite: no anchor (aliases elsewhere would change with it), no alias, a source range. */
function fixableScalar(node: unknown): (Scalar<string> & { range: [number, number, number] }) | undefined {
  if (!isScalar(node) || isAlias(node) || typeof node.value !== 'string' || node.anchor || !node.range) return undefined;
  return node as Scalar<string> & { range: [number, number, number] };
}

function replaceEdit(
  parsed: ParsedManifest,
  node: Scalar<string> & { range: [number, number, number] },
  value: string,
  flow: boolean,
  fix: Fix,
  change: Change,
): Edit {
  const [start, end] = node.range;
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  // A block scalar's range runs to the start of the next line: keep that line break.
  const lineBreak = block ? /\r?\n$/.exec(parsed.text.slice(start, end))?.[0] ?? '' : '';
  return { start, end, text: emitScalar(value, node.type, flow) + lineBreak, fixes: [fix], change };
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

// ---------------------------------------------------------------------------------------------
// Checking: a set of edits is applied only when the result says what was intended and lints no worse.

type LintOptions = Parameters<typeof lint>[1];

/**
 * All the edits when together they pass. Else, key by key in document order, the edits of one key
 * (a list's items may only pass together: a repeat and the item it repeats), then, within a key that
 * fails, all of its edits but one, then each one that passes with those kept so far.
 */
function keepPassing(parsed: ParsedManifest, edits: Edit[], problems: readonly Problem[], lintOptions: LintOptions): { text: string; edits: Edit[]; problems: readonly Problem[] } {
  const check = createChecker(parsed, problems, lintOptions);
  const all = check(edits);
  if (all !== undefined) return { ...all, edits };
  if (edits.length > MAX_EDITS_ONE_BY_ONE) return { text: parsed.text, edits: [], problems };
  const kept: Edit[] = [];
  let result = { text: parsed.text, problems };
  const keep = (tried: readonly Edit[]): boolean => {
    const candidate = check([...kept, ...tried]);
    if (candidate === undefined) return false;
    kept.push(...tried);
    result = candidate;
    return true;
  };
  for (const group of groupBy(edits, (edit) => edit.change.key)) {
    if (keep(group) || group.length === 1) continue;
    if (group.some((left) => keep(group.filter((edit) => edit !== left)))) continue;
    for (const edit of group) keep([edit]);
  }
  return { ...result, edits: kept.sort((a, b) => a.start - b.start) };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups.values()];
}

/**
 * The check of one round: the text must parse to the intended data, keep every comment, and lint with
 * no problem its input did not have, but for problems with a fix that can be made (trimming a scope
 * can show it is a legacy one): the next round makes it, and the whole is checked against the
 * original at the end.
 */
function createChecker(parsed: ParsedManifest, problems: readonly Problem[], lintOptions: LintOptions) {
  const before = problemCounts(problems, new Map());
  const comments = countTexts(parsed.comments.map((c) => c.text.trimEnd()));
  return (edits: readonly Edit[]): { text: string; problems: readonly Problem[] } | undefined => {
    const text = applyEdits(parsed.text, edits);
    const after = parseText(text);
    if (after.syntax.length > 0 || !after.data) return undefined;
    const expected = expectedData(parsed.data!, edits);
    if (!isDeepStrictEqual(after.data, expected) || Object.keys(after.data).join('\n') !== Object.keys(expected).join('\n')) return undefined;
    const kept = countTexts(after.comments.map((c) => c.text.trimEnd()));
    for (const [comment, count] of comments) if ((kept.get(comment) ?? 0) < count) return undefined;
    const found = lint(text, lintOptions).problems;
    const indices = keptIndices(parsed.data!, edits);
    const counts = problemCounts(found.filter((problem) => !problem.fix || planEdits(after, [problem], () => false).length === 0), indices);
    for (const [problem, count] of counts) if ((before.get(problem) ?? 0) < count) return undefined;
    return { text, problems: found };
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
 * back to the index it had before, so the same problem counts as the same.
 */
function problemCounts(problems: readonly { ruleId: string; path: string }[], kept: ReadonlyMap<string, readonly number[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    const key = `${problem.ruleId} ${mapPointer(problem.path, kept)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A pointer into a list with removed items, as the index the item had before they went. */
function mapPointer(pointer: string, kept: ReadonlyMap<string, readonly number[]>): string {
  const path = fromJsonPointer(pointer);
  const indices = typeof path[0] === 'string' ? kept.get(path[0]) : undefined;
  return indices && typeof path[1] === 'number' ? toJsonPointer([path[0]!, indices[path[1]] ?? -1, ...path.slice(2)]) : pointer;
}

/** For each list with removed items: the index before of each item left, in order. */
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

// ---------------------------------------------------------------------------------------------
// Rounds: each one's fixes are told in the terms of the text the caller gave.

/** The fix with its path and line in the original manifest, and the offset it is listed by. */
function inOriginal(original: ParsedManifest, origins: Origins, fix: Fix): { fix: Fix; offset: number } {
  const pointer = mapPointer(fix.path, origins);
  // Descriptions name list items as `key[index]`, in the round's terms: name them as in the original.
  const key = topKey(fix.path);
  const indices = typeof key === 'string' ? origins.get(key) : undefined;
  if (indices) fix = { ...fix, description: fix.description.replace(new RegExp(`(?<=\\b${key}\\[)\\d+(?=\\])`, 'g'), (n) => String(indices[Number(n)] ?? n)) };
  const found = nodeAt(original.doc!.contents as unknown as { items: Pair[] }, fromJsonPointer(pointer));
  const start = (found?.node as YamlNode | undefined)?.range?.[0];
  if (start === undefined) return { fix: { ...fix, path: pointer }, offset: Number.MAX_SAFE_INTEGER };
  return { fix: { ...fix, path: pointer, line: original.lineCounter.linePos(start).line }, offset: start };
}

/** The origins of list items once this round's removals are made. */
function afterRemovals(origins: Origins, parsed: ParsedManifest, edits: readonly Edit[]): Origins {
  const next = new Map(origins);
  for (const [key, kept] of keptIndices(parsed.data!, edits)) {
    const before = origins.get(key);
    next.set(key, before ? kept.map((i) => before[i]!) : kept);
  }
  return next;
}

/** The text with the schema modeline first (after a byte order mark), when the original had none and one is wanted. */
function addModeline(current: ParsedManifest, original: ParsedManifest, options: FixOptions): { text: string; fix: Fix } | undefined {
  const { text } = current;
  const location = options.schemaLocation ?? (options.version ? `https://unpkg.com/pleo-register@${options.version}/schemas/pleo-client.schema.json` : undefined);
  if (!location || original.comments.some((c) => MODELINE.test(c.text)) || options.severities?.[MODELINE_RULE] === 'off') return undefined;
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const modeline = `# yaml-language-server: $schema=${location}`;
  const result = text.slice(0, at) + modeline + eolOf(text) + text.slice(at);
  const after = parseText(result);
  if (after.syntax.length > 0 || !isDeepStrictEqual(after.data, current.data)) return undefined;
  return { text: result, fix: { ruleId: MODELINE_RULE, line: 1, description: `Added the schema modeline for ${location}.`, path: '', action: 'insert' } };
}

function eolOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
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
