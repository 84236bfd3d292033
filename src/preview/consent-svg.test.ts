import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Problem, Severity } from '../diagnostics.js';
import { shippedCatalogue } from '../resources.js';
import { root } from '../test-support/cli.js';
import { composeConsentSvg, MAX_LEGEND_ROWS, numberCallouts } from './consent-svg.js';
import { composeConsentScreen, renderConsentScreen } from './index.js';
import type { LogoBitmaps } from './logo-bitmaps.js';

const catalogue = shippedCatalogue();
const logoPng = readFileSync(`${root}fixtures/valid/brand/logo.png`);
const noLogo: LogoBitmaps = { kind: 'none', reason: 'none given' };

const complete = {
  client_name: 'Acme Books',
  client_uri: 'https://acme-books.io/',
  tos_uri: 'https://acme-books.io/legal/terms',
  policy_uri: 'https://acme-books.io/legal/privacy',
  scopes: ['export-jobs:read', 'export-items:read'],
};

function problem(ruleId: string, path: string, line: number, severity: Severity = 'error', message = `${ruleId} at ${path}`): Problem {
  return { ruleId, messageId: 'm', severity, message, data: {}, path, range: { line, column: 1, endLine: line, endColumn: 2 }, docsUrl: '' };
}

/** fast-xml-parser's validator is lenient, so XML 1.0's character rules are checked here too. */
function expectWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  expect(xml.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
  expect(xml).not.toMatch(/<!DOCTYPE|<!ENTITY|<\?xml-stylesheet|]]>/i);
  for (const value of xml.matchAll(/="([^"]*)"/g)) expect(value[1]).not.toMatch(/[<&]/);
}

/** Every reference in the document: href/src values, url(…) in attributes or CSS, @import. */
function references(svg: string): string[] {
  return [
    ...[...svg.matchAll(/\b(?:xlink:)?(?:href|src)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]!),
    ...[...svg.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1]!),
    ...[...svg.matchAll(/@import\s+["']?([^"';]*)/gi)].map((m) => m[1]!),
  ];
}

function texts(svg: string): string[] {
  const parser = new XMLParser({ ignoreAttributes: true, trimValues: false, parseTagValue: false, isArray: () => true });
  const found: string[] = [];
  const walk = (node: unknown, tag = ''): void => {
    if (typeof node === 'string') return void (tag === 'text' && found.push(node));
    if (Array.isArray(node)) return node.forEach((child) => walk(child, tag));
    if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, key === '#text' ? tag : key);
  };
  walk(parser.parse(svg));
  return found;
}

describe('composeConsentSvg', () => {
  it('escapes a client name with markup and quotes: the SVG stays well-formed and the name is text', () => {
    const name = `<script>alert(1)</script> &amp; "Acme" 'Books' <![CDATA[x]]> ]]>`;
    const { svg } = composeConsentSvg({ data: { ...complete, client_name: name }, problems: [], logo: noLogo, catalogue });
    expectWellFormed(svg);
    expect(svg).not.toContain('<script');
    // On the card the name wraps over two lines, the second clipped.
    expect(svg).toContain('>&lt;script&gt;alert(1)&lt;/script&gt;</text>');
    expect(svg).toContain('>&amp;amp; &quot;Acme&quot; &apos;Books&apos; &lt;![CD…</text>');
    // Parsed back, each piece is the name as written, as character data of a <text>.
    expect(texts(svg)).toEqual(expect.arrayContaining(['<script>alert(1)</script>', `&amp; "Acme" 'Books' <![CD…`]));
  });

  it('replaces bidi, control and invisible characters in every manifest text', () => {
    const hostile = 'Acme\u202eskooB\u0007\u200b\u2066x\u0000';
    const data = { client_name: hostile, tos_uri: `https://acme-books.io/${hostile}`, scopes: [hostile] };
    const { svg } = composeConsentSvg({ data, problems: [problem('client-name', '/client_name', 1, 'error', `bad ${hostile}`)], logo: noLogo, catalogue });
    expectWellFormed(svg);
    expect(svg).not.toMatch(/[\u202e\u0007\u200b\u2066\u0000]/u);
    expect(svg).toContain('Acme�skooB���x�');
  });

  it('clips a long name (two lines on the card, one in the list row) and long URLs', () => {
    const name = 'Acme Books Synchronisation and Reconciliation Service for Accountants and Bookkeepers Everywhere';
    const { svg } = composeConsentSvg({ data: { ...complete, client_name: name, tos_uri: `https://acme-books.io/${'a'.repeat(300)}` }, problems: [], logo: noLogo, catalogue });
    const lines = texts(svg);
    expect(lines.filter((t) => t.startsWith('Acme Books')).every((t) => t.length < 60)).toBe(true);
    expect(lines.some((t) => t.startsWith('https://acme-books.io/aaa') && t.endsWith('…') && t.length < 80)).toBe(true);
  });

  it('references nothing outside the document: only #fragments and data:image/png', async () => {
    const composed = await composeConsentScreen({
      data: { ...complete, logo: 'https://evil.example/logo.png', client_uri: 'file:///etc/passwd' },
      problems: [problem('logo-square', '/logo', 3), problem('uri-https', '/client_uri', 2)],
      logo: { bytes: logoPng, format: 'png' },
      catalogue,
    });
    const refs = references(composed.svg);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^(#[\w-]+|data:image\/png;base64,[A-Za-z0-9+/]+=*)$/);
    // Manifest URLs appear only as text, never as a reference.
    expect(refs.join(' ')).not.toMatch(/evil|file:|https?:/);
    expect(composed.svg).not.toMatch(/<(?:script|foreignObject|style|a|use|iframe)\b/i);
    expect(composed.svg).not.toMatch(/\son[a-z]+=|xml:base/i);
    // The logo is embedded at the consent screen's sizes: 96 and 40 px PNGs, drawn in the card and the tiles.
    const images = [...composed.svg.matchAll(/<image width="(\d+)" height="\1" href="data:image\/png;base64,([^"]+)"/g)];
    expect(images.map((m) => m[1])).toEqual(['96', '96', '96', '40', '40']);
  });

  it('shows a placeholder when there is no logo, and says why', async () => {
    const absent = await composeConsentScreen({ data: complete, problems: [], logo: undefined, catalogue });
    expect(absent.svg).not.toContain('<image');
    expect(texts(absent.svg)).toEqual(expect.arrayContaining(['No logo', 'none given']));
    const missing = await composeConsentScreen({ data: complete, problems: [], logo: { unavailable: 'file not found' }, catalogue });
    expect(texts(missing.svg)).toEqual(expect.arrayContaining(['No logo', 'file not found']));
    const garbage = await composeConsentScreen({ data: complete, problems: [], logo: { bytes: Buffer.from('<html>not an image</html>') }, catalogue });
    expect(texts(garbage.svg)).toEqual(expect.arrayContaining(['No logo', 'not an image']));
  });

  it('lists scopes in plain words from the catalogue, and unknown scopes as written, marked', () => {
    const data = { ...complete, scopes: ['export-jobs:read', 'expenses:delete', 'export:read', 42] };
    const { svg } = composeConsentSvg({ data, problems: [], logo: noLogo, catalogue });
    const shown = texts(svg);
    expect(shown).toEqual(expect.arrayContaining(['Read export jobs and their items', 'export-jobs:read', 'expenses:delete', '42']));
    expect(shown.filter((t) => t === 'unknown scope')).toHaveLength(2);
    expect(shown).toContain('export:read · old name');
  });

  it('draws each problem next to its part, numbered in reading order, and lists it in the legend', () => {
    const problems = [
      problem('pkce-s256', '/pkce', 20),
      problem('scope-known', '/scopes/1', 15, 'warning'),
      problem('uri-https', '/tos_uri', 6),
      problem('no-pleo-branding', '/client_name', 2),
      problem('logo-square', '/logo', 4),
      problem('legal-uris-distinct', '/policy_uri', 7, 'warning'),
      problem('uri-canonical', '/initiation_uri', 9, 'info'),
      problem('schema', '/scopes', 14),
      problem('client-name', '/client_name', 2, 'warning'),
    ];
    const callouts = numberCallouts(problems, 2);
    expect(callouts.map((c) => [c.number, c.part, c.problem.ruleId])).toEqual([
      [1, 'logo', 'logo-square'],
      [2, 'name', 'no-pleo-branding'],
      [3, 'name', 'client-name'],
      [4, 'scope:1', 'scope-known'],
      [5, 'scopes', 'schema'],
      [6, 'link:tos_uri', 'uri-https'],
      [7, 'link:policy_uri', 'legal-uris-distinct'],
      [8, 'elsewhere', 'pkce-s256'],
      [9, 'elsewhere', 'uri-canonical'],
    ]);
    const { svg } = composeConsentSvg({ data: { ...complete, scopes: ['export-jobs:read', 'export:read'] }, problems, logo: noLogo, catalogue });
    const shown = texts(svg);
    for (const n of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) expect(shown.filter((t) => t === n).length).toBeGreaterThanOrEqual(1);
    expect(shown).toContain('error · logo-square · logo · line 4');
    expect(shown).toContain('warning · scope-known · scope 2 · line 15');
    expect(shown).toContain('error · pkce-s256 · not on the consent screen · line 20');
    expect(shown).toContain('logo-square at /logo');
    // A dashed outline in the worst severity's colour around each part with problems on the screen (6: not "elsewhere").
    expect(svg.match(/fill="none" stroke="#(?:c81e1e|b45309|1d4ed8)" stroke-width="1.5" stroke-dasharray="5 4"/g)).toHaveLength(6);
  });

  it.each([
    ['initiation_uri', 'uri-https'],
    ['settings_uri', 'uri-canonical'],
    ['initiation_uri', 'uri-public-host'],
  ])('a problem of %s (%s), which the consent screen does not show, goes only to the list', (key, ruleId) => {
    const [callout] = numberCallouts([problem(ruleId, `/${key}`, 9)], 2);
    expect(callout!.part).toBe('elsewhere');
    const { badgeRows } = composeConsentSvg({ data: complete, problems: [problem(ruleId, `/${key}`, 9)], logo: noLogo, catalogue });
    expect(badgeRows).toEqual([]);
  });

  // Problems on every part, nested parts included (a scope row inside the scopes, a link inside the
  // links); each count from 1 to 20 takes the first n.
  const everywhere = [
    problem('uri-https', '/policy_uri', 7),
    problem('uri-canonical', '', 1, 'info'),
    problem('scope-known', '/scopes/0', 14, 'warning'),
    problem('schema', '/scopes', 13),
    problem('logo-square', '/logo', 4),
    problem('client-name', '/client_name', 2, 'warning'),
    problem('uri-https', '/tos_uri', 6),
    problem('scope-known', '/scopes/1', 15, 'warning'),
    problem('uri-public-host', '/client_uri', 3),
    problem('legal-uris-distinct', '/policy_uri', 7, 'warning'),
    problem('no-pleo-branding', '/client_name', 2),
    problem('scope-format', '/scopes/1', 15),
    problem('uri-https', '/initiation_uri', 9),
    problem('scope-unique', '/scopes', 13, 'warning'),
    problem('logo-resolution', '/logo', 4, 'warning'),
    problem('uri-canonical', '/tos_uri', 6, 'info'),
    problem('schema', '/scopes/0', 14),
    problem('pkce-s256', '/pkce', 20),
    problem('uri-https', '/client_uri', 3),
    problem('client-name', '/client_name', 2, 'info'),
  ];
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('%i problems: no two badge rows overlap, and each part on the screen has one', (count) => {
    const problems = everywhere.slice(0, count);
    const { badgeRows, callouts } = composeConsentSvg({ data: complete, problems, logo: noLogo, catalogue });
    const parts = new Set(callouts.map((c) => c.part).filter((part) => part !== 'elsewhere'));
    expect(badgeRows.map((row) => row.part).sort()).toEqual([...parts].sort());
    for (const [i, a] of badgeRows.entries()) {
      expect(a.width).toBeGreaterThan(0);
      for (const b of badgeRows.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.part} and ${b.part} overlap`).toBe(true);
      }
    }
  });

  it('caps the legend and says how many more there are', () => {
    const problems = Array.from({ length: MAX_LEGEND_ROWS + 5 }, (_, i) => problem('schema', `/x-${i}`, i + 1));
    const { svg } = composeConsentSvg({ data: complete, problems, logo: noLogo, catalogue });
    expect(texts(svg)).toContain('and 5 more: run pleo-register lint for the full report');
  });

  it('draws a manifest that is not a mapping of the expected shape', () => {
    const { svg } = composeConsentSvg({ data: { client_name: 7, scopes: 'a:read b:read', tos_uri: ['x'] }, problems: [], logo: noLogo, catalogue });
    expectWellFormed(svg);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Unnamed app', 'a:read b:read', 'not given']));
  });
});

describe('renderConsentScreen', () => {
  it('renders a PNG (SVG logo through the child-process renderer, its external reference never followed)', async () => {
    const svgLogo = readFileSync(`${root}fixtures/images/external-href.svg`);
    const png = await renderConsentScreen({ data: { ...complete, logo: './logo.svg' }, problems: [], logo: { bytes: svgLogo, format: 'svg' }, catalogue });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const composed = await composeConsentScreen({ data: complete, problems: [], logo: { bytes: svgLogo, format: 'svg' }, catalogue });
    expect(composed.svg).toContain('href="data:image/png;base64,');
    expect(composed.svg).not.toContain('169.254.169.254');
  });

  it('refuses an SVG logo with entities before rendering it, and shows a placeholder', async () => {
    const bomb = readFileSync(`${root}fixtures/images/billion-laughs.svg`);
    const composed = await composeConsentScreen({ data: complete, problems: [], logo: { bytes: bomb, format: 'svg' }, catalogue });
    expect(composed.svg).not.toContain('<image');
    expect(texts(composed.svg)).toContain('No logo');
  });
});
