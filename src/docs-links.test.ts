import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_REQUEST_DOCS_ANCHOR } from './check-request/index.js';
import { lintText } from './engine/lint.js';
import { loadFormatter } from './report/index.js';
import { docsHome, ruleDocsUrl } from './resources.js';
import { rules } from './rules/index.js';

// Every link a report prints points into the documentation published at package.json's homepage:
// each must name an anchor the README has (an explicit id, or a heading's slug).

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { homepage: string };
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The anchors a Markdown renderer gives the README: `<a id="…">` and GitHub-style heading slugs. */
const anchors = new Set([
  ...[...readme.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!),
  ...[...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')),
]);

/** The links in a text that point into the docs. */
function docLinks(text: string): string[] {
  const home = docsHome().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`${home}(#[^\\s"'<>)\\]]*)?`, 'g'))].map((m) => m[0]);
}

describe('documentation links', () => {
  it("come from package.json's homepage", () => {
    expect(pkg.homepage.startsWith(docsHome())).toBe(true);
    expect(ruleDocsUrl('schema')).toBe(`${docsHome()}#rule-schema`);
  });

  it('every rule has its anchor in the README', () => {
    const missing = rules.map((rule) => `rule-${rule.id}`).filter((anchor) => !anchors.has(anchor));
    expect(missing).toEqual([]);
  });

  it("check-request's section is in the README", () => {
    expect(anchors).toContain(CHECK_REQUEST_DOCS_ANCHOR);
  });

  it('every link every format prints resolves to an anchor of the README', async () => {
    const invalid = readFileSync(new URL('fixtures/invalid/redirect-uri-https/production.yaml', root), 'utf8');
    const result = lintText(invalid, { file: 'pleo-client.yaml' });
    const printed: string[] = [];
    for (const name of ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const) printed.push((await loadFormatter(name))([result], { version: '0.0.0-test' }));
    const { githubStepSummary } = await import('./report/github.js');
    printed.push(githubStepSummary([result], { version: '0.0.0-test' }));
    const links = new Set(printed.flatMap(docLinks));
    expect(links.size).toBeGreaterThan(5);
    const unresolved = [...links].filter((link) => {
      const anchor = link.split('#')[1];
      return anchor !== undefined && anchor !== '' && !anchors.has(anchor);
    });
    expect(unresolved).toEqual([]);
  });
});
