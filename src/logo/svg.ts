/**
 * SVG is text, so it is recognised and looked through here rather than by magic bytes. Nothing here
 * fetches or resolves anything: references are only collected, to be reported.
 */

/** How far into the file the root element must start (prolog, comments and DOCTYPE included). */
const SNIFF_BYTES = 64 * 1024;
const MAX_FINDINGS = 5;
const MAX_REFERENCE_LENGTH = 200;

export interface SvgText {
  text: string;
  /**
   * The DOCTYPE has an internal subset (`<!DOCTYPE svg [ … ]>`): refused before the decoder, as it is
   * where entities are declared, and their expansion is a bomb.
   */
  internalSubset: boolean;
  /** `<!ENTITY` appears anywhere in the document (outside a subset it is malformed, and refused as well). */
  entities: boolean;
}

/** The document's text when its root element is `<svg>` (after a BOM, XML declaration, comments, DOCTYPE). */
export function sniffSvg(bytes: Uint8Array): SvgText | undefined {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, SNIFF_BYTES));
  const prolog = readProlog(head);
  if (prolog === undefined || !/^<(?:[A-Za-z_][\w.-]*:)?svg(?=[\s/>])/.test(head.slice(prolog.root, prolog.root + 100))) return undefined;
  const text = bytes.length <= SNIFF_BYTES ? head : new TextDecoder(encoding).decode(bytes);
  return { text, internalSubset: prolog.internalSubset, entities: /<!ENTITY/i.test(text) };
}

/**
 * Reads the prolog as XML 1.0 defines it (§2.8): comments, processing instructions and a DOCTYPE,
 * whose quoted literals and internal subset (declarations, comments, PIs, parameter-entity
 * references) are read token by token, so a `]>` or `>` inside a comment or a literal ends nothing.
 * Returns where the root element starts; undefined when the prolog is malformed or does not end
 * in the sample.
 */
function readProlog(text: string): { root: number; internalSubset: boolean } | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let internalSubset = false;
  for (;;) {
    at = skipSpace(text, at);
    let end: number;
    if (text.startsWith('<?', at)) end = after(text, '?>', at + 2);
    else if (text.startsWith('<!--', at)) end = after(text, '-->', at + 4);
    else if (/^<!doctype/i.test(text.slice(at, at + 9))) {
      const doctype = doctypeEnd(text, at + 9);
      if (doctype === undefined) return undefined;
      internalSubset ||= doctype.internalSubset;
      end = doctype.end;
    } else return at < text.length ? { root: at, internalSubset } : undefined;
    if (end < 0) return undefined;
    at = end;
  }
}

/** After `<!DOCTYPE`: the name and external ID (quoted literals skipped whole), then an optional `[ subset ]`, then `>`. */
function doctypeEnd(text: string, from: number): { end: number; internalSubset: boolean } | undefined {
  let at = from;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"' || char === "'") at = after(text, char, at + 1);
    else if (char === '>') return { end: at + 1, internalSubset: false };
    else if (char === '[') {
      const subsetEnd = internalSubsetEnd(text, at + 1);
      if (subsetEnd < 0) return undefined;
      at = skipSpace(text, subsetEnd);
      return text[at] === '>' ? { end: at + 1, internalSubset: true } : undefined;
    } else at++;
    if (at < 0) return undefined;
  }
  return undefined;
}

/** The index just past the subset's closing `]`, reading markup declarations, comments, PIs and %references; -1 when malformed. */
function internalSubsetEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) return -1;
    if (text[at] === ']') return at + 1;
    if (text.startsWith('<!--', at)) at = after(text, '-->', at + 4);
    else if (text.startsWith('<?', at)) at = after(text, '?>', at + 2);
    else if (text.startsWith('<!', at)) at = declarationEnd(text, at + 2);
    else if (text[at] === '%') at = after(text, ';', at + 1);
    else return -1;
    if (at < 0) return -1;
  }
}

/** A markup declaration (`<!ENTITY …>`, `<!ATTLIST …>`…) ends at the first `>` outside a quoted literal. */
function declarationEnd(text: string, from: number): number {
  let at = from;
  while (at >= 0 && at < text.length) {
    const char = text[at]!;
    if (char === '"' || char === "'") at = after(text, char, at + 1);
    else if (char === '>') return at + 1;
    else at++;
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

function after(text: string, token: string, from: number): number {
  const index = text.indexOf(token, from);
  return index < 0 ? -1 : index + token.length;
}

export interface SvgFindings {
  activeContent: string[];
  externalReferences: string[];
}

const SCRIPT = /<(?:[\w.-]+:)?script\b/i;
const HANDLER = /\s(on[a-z]+)\s*=\s*["']/gi;
const REFERENCE = /\b(?:href|src)\s*=\s*(["'])([^"']*)\1/gi;
const CSS_URL = /url\(\s*(["']?)([^"')]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+(["'])([^"']*)\1/gi;

/** Scripts, event handlers and `javascript:` links; references to anything outside the document. */
export function scanSvg(text: string): SvgFindings {
  const active = new Set<string>();
  const external = new Set<string>();
  if (SCRIPT.test(text)) active.add('<script>');
  for (const match of take(text.matchAll(HANDLER))) active.add(`${match[1]!.toLowerCase()}=`);
  for (const pattern of [REFERENCE, CSS_URL, CSS_IMPORT]) {
    for (const match of text.matchAll(pattern)) {
      const reference = match[2]!.trim();
      if (reference === '' || reference.startsWith('#') || /^data:/i.test(reference)) continue;
      if (/^javascript:/i.test(reference)) active.add('a javascript: link');
      else if (external.size < MAX_FINDINGS) external.add(reference.slice(0, MAX_REFERENCE_LENGTH));
      if (external.size >= MAX_FINDINGS && active.size >= MAX_FINDINGS) break;
    }
  }
  return { activeContent: [...active].slice(0, MAX_FINDINGS), externalReferences: [...external] };
}

function* take<T>(items: Iterable<T>): Iterable<T> {
  let count = 0;
  for (const item of items) {
    if (count++ >= MAX_FINDINGS) return;
    yield item;
  }
}
