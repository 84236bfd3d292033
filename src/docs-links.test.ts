import { formatOptions } from './resources.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_REQUEST_DOCS_ANCHOR } from './check-request/index.js';
import { lint as lintManifest } from './index.js';
import { loadFormatter } from './report/index.js';
import { docsHome, docsSectionUrl, repositoryDocsBase, ruleDocsUrl, rulePagePath } from './resources.js';
import { allRules as rules } from './engine/rule-list.js';

// Every link a report prints points into the documentation: a rule's page (docs/rules/<id>.md, in the
// repository package.json's `repository` names) or a section of the README (published at its
// `homepage`). Each must name a file the repository has, and an anchor the README or page has.

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { homepage: string; files: string[] };
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The anchors a Markdown renderer gives a page: `<a id="…">` and GitHub-style heading slugs (code blocks left out). */
function anchorsOf(markdown: string): Set<string> {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  return new Set([
    ...[...prose.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!),
    ...[...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-')),
  ]);
}

const anchors = anchorsOf(read('README.md'));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The links in a text that point into the docs: the README's sections and the repository's files. */
function docLinks(text: string): string[] {
  const into = `(?:${escape(docsHome())}|${escape(repositoryDocsBase())}/[^\\s"'<>)\\]#]+)`;
  return [...text.matchAll(new RegExp(`${into}(#[^\\s"'<>)\\]]*)?`, 'g'))].map((m) => m[0]);
}

/** Whether a link into the docs leads nowhere: a file the repository lacks, or an anchor its page lacks. */
function leadsNowhere(link: string): boolean {
  const [address, anchor] = link.split('#') as [string, string | undefined];
  const file = address.startsWith(`${repositoryDocsBase()}/`) ? address.slice(repositoryDocsBase().length + 1) : 'README.md';
  if (!existsSync(new URL(file, root))) return true;
  return anchor !== undefined && anchor !== '' && !anchorsOf(read(file)).has(anchor);
}

/** The Markdown files of the repository's documentation. */
const markdownFiles = (): string[] => [
  'README.md',
  'bench/README.md',
  ...readdirSync(new URL('docs/', root), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`),
];

describe('documentation links', () => {
  it("come from package.json's homepage and repository", () => {
    expect(pkg.homepage.startsWith(docsHome())).toBe(true);
    expect(repositoryDocsBase()).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/HEAD$/);
    expect(ruleDocsUrl('schema')).toBe(`${repositoryDocsBase()}/docs/rules/schema.md`);
    expect(docsSectionUrl('rules')).toBe(`${docsHome()}#rules`);
  });

  it('every rule has its page, and the package ships them', () => {
    const missing = rules.map((rule) => rulePagePath(rule.id)).filter((path) => !existsSync(new URL(path, root)));
    expect(missing).toEqual([]);
    expect(pkg.files).toContain('docs/');
  });

  it("check-request's section is in the README", () => {
    expect(anchors).toContain(CHECK_REQUEST_DOCS_ANCHOR);
  });

  it('every link every format prints resolves to a page, or an anchor of the README', async () => {
    const invalid = readFileSync(new URL('fixtures/invalid/redirect-uri-https/production.yaml', root), 'utf8');
    const result = lintManifest(invalid, { file: 'pleo-client.yaml' });
    const printed: string[] = [];
    for (const name of ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const) printed.push((await loadFormatter(name))([result], formatOptions('0.0.0-test')));
    const { githubStepSummary } = await import('./report/github.js');
    printed.push(githubStepSummary([result], formatOptions('0.0.0-test')));
    const links = new Set(printed.flatMap(docLinks));
    expect(links.size).toBeGreaterThan(5);
    expect([...links].filter((link) => link.startsWith(repositoryDocsBase())).length).toBeGreaterThan(0);
    expect([...links].filter(leadsNowhere)).toEqual([]);
  });

  it('every relative link of the README and of docs/ leads to a file, and to an anchor its page has', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = read(file).replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][\w+.-]*:/i.test(target!)) continue;
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const url = path === '' ? new URL(file, root) : new URL(path, new URL(file, root));
        if (!existsSync(url)) broken.push(`${file}: ${target}`);
        else if (anchor && url.pathname.endsWith('.md') && !anchorsOf(readFileSync(url, 'utf8')).has(anchor)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
