/**
 * The consent screen as an SVG document: pure (no I/O), so it can be checked as text. Every piece of
 * manifest text goes through text.ts (unprintable characters replaced, clipped, escaped) and is only
 * ever character data, never an attribute; the only references in the document are `#id` fragments
 * and `data:image/png;base64,` images produced by sharp. Nothing in it points outside itself.
 *
 * The drawing is generic, not Pleo's: neutral colours, the system's sans-serif font, and "Pleo" only
 * as the platform's name in words.
 */
import { fromJsonPointer, type Problem, type Severity, type SkippedRule } from '../diagnostics.js';
import type { ScopeCatalogue } from '../scopes.js';
import type { LogoBitmaps, LogoSize } from './logo-bitmaps.js';
import { clipToWidth, escapeXml, measure, printable, wrap, type FontStyle } from './text.js';

export interface ConsentSvgInput {
  /** The manifest's data (any shape: the schema may have failed). */
  data: Readonly<Record<string, unknown>>;
  problems: readonly Problem[];
  logo: LogoBitmaps;
  catalogue: ScopeCatalogue;
  /** Rules lint did not run (offline), named under the counts. */
  skipped?: readonly SkippedRule[];
}

/** Which part of the screen a problem is drawn next to. */
export type Part = 'logo' | 'name' | 'scopes' | `scope:${number}` | 'links' | `link:${LinkKey}` | 'elsewhere';

export interface Callout {
  /** 1-based, in reading order of the screen. */
  number: number;
  part: Part;
  problem: Problem;
}

export interface ConsentSvg {
  svg: string;
  width: number;
  height: number;
  callouts: Callout[];
  /** Where each part's numbered badges are drawn; no two overlap. */
  badgeRows: BadgeRow[];
}

export interface BadgeRow {
  part: Part;
  x: number;
  y: number;
  width: number;
  height: number;
}

type LinkKey = 'tos_uri' | 'policy_uri' | 'client_uri';
const LINKS: readonly { key: LinkKey; label: string }[] = [
  { key: 'tos_uri', label: 'Terms of service' },
  { key: 'policy_uri', label: 'Privacy policy' },
  { key: 'client_uri', label: 'Website' },
];

/** Scopes listed on the card; more are summed up in one row. */
export const MAX_SCOPE_ROWS = 10;
/** Problems listed in the legend; more are counted. */
export const MAX_LEGEND_ROWS = 40;
const MAX_BADGES_PER_PART = 4;
const BADGE = { height: 24, spacing: 4, gap: 6 };

const WIDTH = 1200;
const CARD = { x: 40, y: 112, width: 480, padding: 32 };
const INNER = { x: CARD.x + CARD.padding, width: CARD.width - 2 * CARD.padding };
const CENTRE = CARD.x + CARD.width / 2;
const GUTTER_X = CARD.x + CARD.width + 30;
const SIDE = { x: 700, width: 460 };

const INK = '#111827';
const MUTED = '#4b5563';
const FAINT = '#6b7280';
const RULE = '#e5e7eb';
const LINK = '#1d4ed8';
const PAGE = '#f3f4f6';
const DARK_TILE = '#111827';
const SEVERITY: Readonly<Record<Severity, { colour: string; tint: string; word: string }>> = {
  error: { colour: '#c81e1e', tint: '#fdecec', word: 'error' },
  warning: { colour: '#b45309', tint: '#fdf3e4', word: 'warning' },
  info: { colour: '#1d4ed8', tint: '#eaf0fd', word: 'info' },
};
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function composeConsentSvg(input: ConsentSvgInput): ConsentSvg {
  const out = new Svg();
  const name = typeof input.data.client_name === 'string' ? printable(input.data.client_name) : '';
  const scopes = scopeRows(input.data.scopes, input.catalogue);
  const callouts = numberCallouts(input.problems, Math.min(scopes.length, MAX_SCOPE_ROWS));
  const byPart = groupBy(callouts, (c) => c.part);
  const boxes: { part: Part; x: number; y: number; width: number; height: number }[] = [];
  const box = (part: Part, x: number, y: number, width: number, height: number) => {
    if (byPart.has(part)) boxes.push({ part, x, y, width, height });
  };

  // Page heading.
  out.text(40, 50, 'Consent screen preview', { size: 22, style: 'bold' });
  out.text(40, 78, 'How the registration could look to a Pleo user who connects the app, with what pleo-register found. A sketch: Pleo’s own screen differs in its details.', {
    size: 13,
    fill: FAINT,
    maxWidth: WIDTH - 80,
  });

  // The card, drawn after its contents are laid out (its height depends on them).
  const card = new Svg();
  let y = CARD.y + 36;
  const logoX = CENTRE - 48;
  drawLogo(card, input.logo, 96, logoX, y, '#ffffff');
  box('logo', logoX - 8, y - 8, 96 + 16, 96 + 16);
  y += 96 + 44;

  const nameLines = name === '' ? [] : wrap(name, INNER.width, 24, 'bold', 2);
  const nameTop = y - 26;
  if (nameLines.length === 0) card.text(CENTRE, y, 'Unnamed app', { size: 24, style: 'bold', fill: FAINT, anchor: 'middle', italic: true });
  nameLines.forEach((line, i) => card.text(CENTRE, y + i * 30, line, { size: 24, style: 'bold', anchor: 'middle' }));
  y += Math.max(1, nameLines.length) * 30 - 2;
  card.text(CENTRE, y, 'wants to access your Pleo account', { size: 16, fill: MUTED, anchor: 'middle' });
  box('name', INNER.x - 8, nameTop - 4, INNER.width + 16, y - nameTop + 14);
  y += 30;
  card.line(INNER.x, y, INNER.x + INNER.width, y);
  y += 34;

  const who = name === '' ? 'The app' : clipToWidth(name, INNER.width - 140, 14, 'bold');
  card.text(INNER.x, y, `${who} will be able to:`, { size: 14, style: 'bold' });
  y += 14;
  const scopesTop = y;
  if (scopes.length === 0) {
    y += 26;
    card.text(INNER.x, y, 'No scopes requested', { size: 14, fill: FAINT, italic: true });
    y += 14;
  }
  scopes.slice(0, MAX_SCOPE_ROWS).forEach((row, index) => {
    const top = y + 8;
    drawScopeRow(card, row, top);
    box(`scope:${index}`, INNER.x - 8, top - 2, INNER.width + 16, 46);
    y = top + 44;
  });
  if (scopes.length > MAX_SCOPE_ROWS) {
    y += 22;
    card.text(INNER.x + 36, y, `and ${scopes.length - MAX_SCOPE_ROWS} more`, { size: 14, fill: MUTED });
    y += 8;
  }
  box('scopes', INNER.x - 8, scopesTop - 34, INNER.width + 16, y - scopesTop + 42);
  y += 18;
  card.line(INNER.x, y, INNER.x + INNER.width, y);
  y += 30;

  const linksTop = y - 18;
  card.text(INNER.x, y, 'By allowing access, you accept the app’s terms:', { size: 13, fill: MUTED });
  y += 10;
  for (const { key, label } of LINKS) {
    const top = y + 8;
    const value = input.data[key];
    const url = typeof value === 'string' ? printable(value) : '';
    card.text(INNER.x, top + 17, label, { size: 14, fill: url === '' ? FAINT : LINK, underline: url !== '' });
    if (url === '') card.text(INNER.x, top + 35, 'not given', { size: 12, fill: SEVERITY.error.colour, italic: true });
    else card.text(INNER.x, top + 35, clipToWidth(url, INNER.width, 12, 'mono'), { size: 12, fill: FAINT, style: 'mono' });
    box(`link:${key}`, INNER.x - 8, top - 2, INNER.width + 16, 46);
    y = top + 44;
  }
  box('links', INNER.x - 8, linksTop, INNER.width + 16, y - linksTop + 6);
  y += 26;

  const buttonWidth = (INNER.width - 16) / 2;
  card.rect(INNER.x, y, buttonWidth, 44, { fill: '#ffffff', stroke: '#d1d5db', radius: 10 });
  card.text(INNER.x + buttonWidth / 2, y + 28, 'Cancel', { size: 15, style: 'bold', anchor: 'middle' });
  card.rect(INNER.x + buttonWidth + 16, y, buttonWidth, 44, { fill: INK, radius: 10 });
  card.text(INNER.x + buttonWidth * 1.5 + 16, y + 28, 'Allow access', { size: 15, style: 'bold', anchor: 'middle', fill: '#ffffff' });
  y += 44 + 30;
  card.text(CENTRE, y, 'Only allow access to apps you trust.', { size: 12, fill: FAINT, anchor: 'middle' });
  const cardBottom = y + 28;

  out.raw(`<rect x="${CARD.x}" y="${CARD.y}" width="${CARD.width}" height="${cardBottom - CARD.y}" rx="18" fill="#ffffff" stroke="${RULE}" filter="url(#shadow)"/>`);
  out.raw(card.body());

  // Callouts: the part outlined in its worst severity, numbered badges in the gutter beside it. Parts
  // nest (a scope row inside the scopes), so their badge rows are laid out top to bottom, each moved
  // down as far as it takes to clear the one above, and joined to their part by a line.
  const badgeRows: BadgeRow[] = [];
  const rows = boxes.map((part) => ({ part, cy: part.y + part.height / 2 })).sort((a, b) => a.cy - b.cy);
  let clear = -Infinity;
  for (const { part, cy } of rows) {
    const list = byPart.get(part.part)!;
    const worst = SEVERITY[worstOf(list)];
    out.rect(part.x, part.y, part.width, part.height, { stroke: worst.colour, dash: true, radius: 10 });
    const rowCy = Math.max(cy, clear + BADGE.gap + BADGE.height / 2);
    clear = rowCy + BADGE.height / 2;
    out.raw(`<polyline points="${part.x + part.width},${cy} ${GUTTER_X - 10},${cy} ${GUTTER_X},${rowCy}" fill="none" stroke="${worst.colour}" stroke-width="1.5"/>`);
    badgeRows.push({ part: part.part, ...drawBadges(out, list, GUTTER_X, rowCy) });
  }

  // Side column: the logo at both sizes, on light and dark; the counts.
  let side = CARD.y + 6;
  out.text(SIDE.x, side + 14, 'The logo as users see it', { size: 16, style: 'bold' });
  side += 30;
  const tileWidth = (SIDE.width - 20) / 2;
  for (const [index, dark] of [false, true].entries()) {
    const x = SIDE.x + index * (tileWidth + 20);
    out.rect(x, side, tileWidth, 140, { fill: dark ? DARK_TILE : '#ffffff', stroke: dark ? DARK_TILE : RULE, radius: 12 });
    drawLogo(out, input.logo, 96, x + tileWidth / 2 - 48, side + 22, dark ? DARK_TILE : '#ffffff');
    out.text(x, side + 160, `96 px on ${dark ? 'dark' : 'light'}`, { size: 12, fill: FAINT });
  }
  side += 180;
  for (const [index, dark] of [false, true].entries()) {
    const x = SIDE.x + index * (tileWidth + 20);
    out.rect(x, side, tileWidth, 72, { fill: dark ? DARK_TILE : '#ffffff', stroke: dark ? DARK_TILE : RULE, radius: 12 });
    drawLogo(out, input.logo, 40, x + 16, side + 16, dark ? DARK_TILE : '#ffffff');
    const rowName = name === '' ? 'Unnamed app' : clipToWidth(name, tileWidth - 80, 14, 'bold');
    out.text(x + 68, side + 33, rowName, { size: 14, style: 'bold', fill: dark ? '#f9fafb' : INK });
    out.text(x + 68, side + 51, 'Connected', { size: 12, fill: dark ? '#9ca3af' : FAINT });
    out.text(x, side + 92, `40 px on ${dark ? 'dark' : 'light'}`, { size: 12, fill: FAINT });
  }
  side += 116;
  side = drawSummary(out, callouts, input.skipped ?? [], side);

  // Legend: every callout's message, full width under both columns.
  let legend = Math.max(cardBottom, side, clear) + 48;
  out.line(40, legend - 28, WIDTH - 40, legend - 28);
  out.text(40, legend, callouts.length === 0 ? 'No problems found' : 'Problems found by pleo-register', { size: 18, style: 'bold' });
  legend += 14;
  if (callouts.length === 0) {
    legend += 24;
    out.text(40, legend, 'The manifest passed every check that ran.', { size: 14, fill: MUTED });
  }
  for (const callout of callouts.slice(0, MAX_LEGEND_ROWS)) legend = drawLegendRow(out, callout, legend + 16);
  if (callouts.length > MAX_LEGEND_ROWS) {
    legend += 30;
    out.text(72, legend, `and ${callouts.length - MAX_LEGEND_ROWS} more: run pleo-register lint for the full report`, { size: 13, fill: MUTED });
  }
  const height = Math.ceil(legend + 44);

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">` +
    `<defs><filter id="shadow" x="-10%" y="-10%" width="120%" height="120%"><feDropShadow dx="0" dy="4" stdDeviation="8" flood-color="#000000" flood-opacity="0.08"/></filter>` +
    `<clipPath id="logo-96"><rect width="96" height="96" rx="20"/></clipPath><clipPath id="logo-40"><rect width="40" height="40" rx="9"/></clipPath></defs>` +
    `<rect width="${WIDTH}" height="${height}" fill="${PAGE}"/>` +
    out.body() +
    `</svg>`;
  return { svg, width: WIDTH, height, callouts, badgeRows };
}

// ——— The model ———

interface ScopeRow {
  /** As written (printable). */
  raw: string;
  description?: string;
  note?: string;
}

function scopeRows(scopes: unknown, catalogue: ScopeCatalogue): ScopeRow[] {
  if (!Array.isArray(scopes)) return typeof scopes === 'string' && scopes.trim() !== '' ? [{ raw: printable(scopes) }] : [];
  return scopes.map((scope) => {
    if (typeof scope !== 'string') return { raw: scope === null || scope === undefined ? '(empty)' : printable(JSON.stringify(scope) ?? String(scope)) };
    const entry = catalogue.entries.get(scope);
    if (!entry?.description) return { raw: printable(scope) };
    const note = entry.status === 'legacy' ? 'old name' : entry.status === 'test' ? 'test scope' : undefined;
    return { raw: printable(scope), description: printable(entry.description), ...(note ? { note } : {}) };
  });
}

const PART_ORDER = ['logo', 'name', 'scope', 'scopes', 'link', 'links', 'elsewhere'];

/** Each problem's part, numbered top to bottom as the screen reads. */
export function numberCallouts(problems: readonly Problem[], scopeRowsShown: number): Callout[] {
  const placed = problems.map((problem, index) => ({ problem, index, part: partOf(problem, scopeRowsShown) }));
  const rank = (part: Part): number[] => {
    const [kind, detail] = part.split(':') as [string, string | undefined];
    const sub = kind === 'scope' ? Number(detail) : kind === 'link' ? LINKS.findIndex((l) => l.key === detail) : 0;
    return [PART_ORDER.indexOf(kind), sub];
  };
  placed.sort((a, b) => {
    const [ka, sa] = rank(a.part);
    const [kb, sb] = rank(b.part);
    return ka! - kb! || sa! - sb! || a.index - b.index;
  });
  return placed.map(({ problem, part }, i) => ({ number: i + 1, part, problem }));
}

function partOf(problem: Problem, scopeRowsShown: number): Part {
  const [key, index] = fromJsonPointer(problem.path);
  const rule = problem.ruleId;
  if (rule.startsWith('logo-') || key === 'logo') return 'logo';
  if (rule.startsWith('scope-') || key === 'scopes') return typeof index === 'number' && index < scopeRowsShown ? `scope:${index}` : 'scopes';
  if (rule === 'client-name' || key === 'client_name') return 'name';
  if (key === 'tos_uri' || key === 'policy_uri' || key === 'client_uri') return `link:${key}`;
  // A URI rule's problem at the document goes to the links; one of a page the consent screen does not
  // show (initiation_uri, settings_uri) only to the list.
  if (rule.startsWith('uri-') || rule === 'legal-uris-distinct') return key === undefined || key === '' ? 'links' : 'elsewhere';
  if (rule === 'no-pleo-branding' && (key === undefined || key === '')) return 'name';
  return 'elsewhere';
}

function worstOf(callouts: readonly Callout[]): Severity {
  return callouts.map((c) => c.problem.severity).sort((a, b) => RANK[a] - RANK[b])[0] ?? 'info';
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

const PART_WORDS: Readonly<Record<string, string>> = {
  logo: 'logo',
  name: 'name',
  scopes: 'scopes',
  links: 'links',
  elsewhere: 'not on the consent screen',
};

/** Where the legend says a problem is: its part, or the scope's position when its row is not drawn. */
function partWords(part: Part, problem: Problem): string {
  const [key, index] = fromJsonPointer(problem.path);
  if (part === 'scopes' && key === 'scopes' && typeof index === 'number') return `scope ${index + 1}`;
  if (part.startsWith('scope:')) return `scope ${Number(part.slice(6)) + 1}`;
  if (part.startsWith('link:')) return LINKS.find((l) => `link:${l.key}` === part)!.label.toLowerCase();
  return PART_WORDS[part]!;
}

// ——— Drawing ———

function drawLogo(out: Svg, logo: LogoBitmaps, size: LogoSize, x: number, y: number, background: string): void {
  const radius = size === 96 ? 20 : 9;
  if (logo.kind === 'bitmaps') {
    const data = logo.png[size].toString('base64');
    out.raw(`<g transform="translate(${x} ${y})"><image width="${size}" height="${size}" href="data:image/png;base64,${data}" clip-path="url(#logo-${size})"/></g>`);
    out.rect(x, y, size, size, { stroke: background === '#ffffff' ? RULE : '#374151', radius });
    return;
  }
  // Placeholder: a dashed square, "no logo" inside at 96 px.
  out.rect(x, y, size, size, { fill: background === '#ffffff' ? '#f9fafb' : '#1f2937', stroke: '#9ca3af', dash: true, radius });
  if (size === 96) {
    out.text(x + 48, y + 44, 'No logo', { size: 13, style: 'bold', fill: FAINT, anchor: 'middle' });
    wrap(logo.reason, 84, 10).slice(0, 2).forEach((line, i) => out.text(x + 48, y + 62 + i * 13, line, { size: 10, fill: FAINT, anchor: 'middle' }));
  } else {
    out.text(x + 20, y + 25, '?', { size: 16, style: 'bold', fill: FAINT, anchor: 'middle' });
  }
}

function drawScopeRow(out: Svg, row: ScopeRow, top: number): void {
  const known = row.description !== undefined;
  const cx = INNER.x + 12;
  const cy = top + 14;
  if (known) {
    out.raw(`<circle cx="${cx}" cy="${cy}" r="11" fill="#e7f6ec"/>`);
    out.raw(`<path d="M ${cx - 5} ${cy} l 3.5 3.5 l 6.5 -7" fill="none" stroke="#15803d" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`);
    out.text(INNER.x + 36, top + 19, clipToWidth(row.description!, INNER.width - 36, 15), { size: 15 });
    const detail = row.note ? `${row.raw} · ${row.note}` : row.raw;
    out.text(INNER.x + 36, top + 37, clipToWidth(detail, INNER.width - 36, 11.5, 'mono'), { size: 11.5, fill: FAINT, style: 'mono' });
    return;
  }
  out.raw(`<circle cx="${cx}" cy="${cy}" r="11" fill="${SEVERITY.warning.tint}"/>`);
  out.text(cx, cy + 5, '?', { size: 14, style: 'bold', fill: SEVERITY.warning.colour, anchor: 'middle' });
  out.text(INNER.x + 36, top + 19, clipToWidth(row.raw, INNER.width - 36, 14, 'mono'), { size: 14, style: 'mono' });
  out.rect(INNER.x + 36, top + 26, 96, 17, { fill: SEVERITY.warning.tint, radius: 8.5 });
  out.text(INNER.x + 36 + 48, top + 38.5, 'unknown scope', { size: 11, style: 'bold', fill: SEVERITY.warning.colour, anchor: 'middle' });
}

/** Draws a part's badges in a row centred on `cy`, from `x`; returns the row's box. */
function drawBadges(out: Svg, list: readonly Callout[], x: number, cy: number): Omit<BadgeRow, 'part'> {
  const shown = list.length > MAX_BADGES_PER_PART ? list.slice(0, MAX_BADGES_PER_PART - 1) : list;
  let right = x - BADGE.spacing;
  for (const callout of shown) right = drawBadge(out, callout, right + BADGE.spacing, cy);
  if (shown.length < list.length) {
    const more = `+${list.length - shown.length}`;
    out.text(right + 6, cy + 5, more, { size: 13, style: 'bold', fill: MUTED });
    right += 6 + measure(more, 13, 'bold');
  }
  return { x, y: cy - BADGE.height / 2, width: right - x, height: BADGE.height };
}

/** Draws one numbered badge from `left`, centred on `cy`; returns its right edge. */
function drawBadge(out: Svg, callout: Callout, left: number, cy: number): number {
  const { colour } = SEVERITY[callout.problem.severity];
  const label = String(callout.number);
  const width = Math.max(BADGE.height, measure(label, 12, 'bold') + 12);
  out.rect(left, cy - BADGE.height / 2, width, BADGE.height, { fill: colour, radius: BADGE.height / 2 });
  out.text(left + width / 2, cy + 4.5, label, { size: 12, style: 'bold', fill: '#ffffff', anchor: 'middle' });
  return left + width;
}

function drawSummary(out: Svg, callouts: readonly Callout[], skipped: readonly SkippedRule[], top: number): number {
  const count = (severity: Severity) => callouts.filter((c) => c.problem.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.text(SIDE.x, top + 14, 'What pleo-register found', { size: 16, style: 'bold' });
  let y = top + 44;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const n = count(severity);
    out.raw(`<circle cx="${SIDE.x + 7}" cy="${y - 5}" r="6" fill="${n > 0 ? SEVERITY[severity].colour : '#d1d5db'}"/>`);
    out.text(SIDE.x + 22, y, plural(n, severity), { size: 14, fill: n > 0 ? INK : FAINT });
    y += 24;
  }
  const elsewhere = callouts.filter((c) => c.part === 'elsewhere').length;
  if (elsewhere > 0) {
    y += 6;
    const words = `${plural(elsewhere, 'problem')} concern${elsewhere === 1 ? 's' : ''} parts users do not see (redirect URIs, PKCE, contacts…): listed below.`;
    for (const line of wrap(words, SIDE.width, 13)) {
      out.text(SIDE.x, y, line, { size: 13, fill: MUTED });
      y += 18;
    }
  }
  const offline = skipped.filter((s) => s.reason === 'offline').map((s) => s.ruleId);
  if (offline.length > 0) {
    y += 6;
    for (const line of wrap(`Not checked here (no network): ${offline.join(', ')}. pleo-register lint checks them.`, SIDE.width, 13)) {
      out.text(SIDE.x, y, line, { size: 13, fill: FAINT });
      y += 18;
    }
  }
  return y;
}

function drawLegendRow(out: Svg, callout: Callout, top: number): number {
  const { problem } = callout;
  const severity = SEVERITY[problem.severity];
  drawBadge(out, callout, 40, top + 4);
  const x = 84;
  const head = `${severity.word} · ${problem.ruleId} · ${partWords(callout.part, problem)} · line ${problem.range.line}`;
  out.text(x, top + 8, clipToWidth(printable(head), WIDTH - 40 - x, 12, 'bold'), { size: 12, style: 'bold', fill: severity.colour });
  let y = top + 8;
  for (const line of wrap(printable(problem.message), WIDTH - 40 - x, 13.5, 'regular', 3)) {
    y += 19;
    out.text(x, y, line, { size: 13.5, fill: INK });
  }
  return y + 6;
}

// ——— A small SVG writer: numbers and constants in attributes, text only as escaped character data ———

interface TextOptions {
  size: number;
  style?: FontStyle;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  italic?: boolean;
  underline?: boolean;
  /** Clip to this width (px) with an ellipsis. */
  maxWidth?: number;
}

class Svg {
  private readonly parts: string[] = [];

  /** Trusted markup built in this module from constants and numbers. */
  raw(markup: string): void {
    this.parts.push(markup);
  }

  /** `content` is made printable (text.ts) and escaped here; it is clipped already, or here to `maxWidth`. */
  text(x: number, y: number, content: string, options: TextOptions): void {
    const style = options.style ?? 'regular';
    const clean = printable(content); // again, whatever the caller did: idempotent
    const shown = options.maxWidth === undefined ? clean : clipToWidth(clean, options.maxWidth, options.size, style);
    const attributes = [
      `x="${num(x)}"`,
      `y="${num(y)}"`,
      `font-size="${options.size}"`,
      style === 'bold' ? 'font-weight="bold"' : '',
      style === 'mono' ? 'font-family="monospace"' : '',
      options.italic ? 'font-style="italic"' : '',
      options.underline ? 'text-decoration="underline"' : '',
      options.anchor && options.anchor !== 'start' ? `text-anchor="${options.anchor}"` : '',
      `fill="${options.fill ?? INK}"`,
    ].filter((a) => a !== '');
    this.parts.push(`<text ${attributes.join(' ')}>${escapeXml(shown)}</text>`);
  }

  rect(x: number, y: number, width: number, height: number, options: { fill?: string; stroke?: string; radius?: number; dash?: boolean }): void {
    const attributes = [
      `x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"`,
      options.radius ? `rx="${options.radius}"` : '',
      `fill="${options.fill ?? 'none'}"`,
      options.stroke ? `stroke="${options.stroke}" stroke-width="1.5"` : '',
      options.dash ? 'stroke-dasharray="5 4"' : '',
    ].filter((a) => a !== '');
    this.parts.push(`<rect ${attributes.join(' ')}/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.parts.push(`<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${RULE}" stroke-width="1"/>`);
  }

  body(): string {
    return this.parts.join('');
  }
}

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');
}
