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
  /** The prolog declares entities (`<!ENTITY`): refused before the decoder, as entity expansion is a bomb. */
  entities: boolean;
}

/** The document's text when its root element is `<svg>` (after a BOM, XML declaration, comments, DOCTYPE). */
export function sniffSvg(bytes: Uint8Array): SvgText | undefined {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, SNIFF_BYTES));
  const root = rootStart(head);
  if (root === undefined || !/^<(?:[A-Za-z_][\w.-]*:)?svg(?=[\s/>])/.test(head.slice(root, root + 100))) return undefined;
  const text = bytes.length <= SNIFF_BYTES ? head : new TextDecoder(encoding).decode(bytes);
  return { text, entities: /<!ENTITY/i.test(head.slice(0, root)) };
}

/** Where the first element starts, after the prolog; undefined when the prolog does not end in the sample. */
function rootStart(text: string): number | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    let end: number;
    if (text.startsWith('<?', at)) end = after(text, '?>', at);
    else if (text.startsWith('<!--', at)) end = after(text, '-->', at + 4);
    else if (/^<!doctype/i.test(text.slice(at, at + 9))) end = doctypeEnd(text, at);
    else return at < text.length ? at : undefined;
    if (end < 0) return undefined;
    at = end;
  }
}

function after(text: string, token: string, from: number): number {
  const index = text.indexOf(token, from);
  return index < 0 ? -1 : index + token.length;
}

/** A DOCTYPE ends at `>`, or after its internal subset `[ … ]>`. */
function doctypeEnd(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close < 0) return -1;
  if (bracket < 0 || bracket > close) return close + 1;
  const subsetEnd = /\]\s*>/g;
  subsetEnd.lastIndex = bracket;
  const match = subsetEnd.exec(text);
  return match ? match.index + match[0].length : -1;
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
