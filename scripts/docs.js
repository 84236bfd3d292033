// Regenerates the documentation made from the rules' `docs`: a page a rule, docs/rules/<id>.md, and the
// rule list in README.md. It runs on the built modules: `npm run docs` builds first.
// src/docs/rule-pages.test.ts fails when a page or the list differs from what this writes.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rulePages, withRules } from '../dist/docs/rules-markdown.js';
import { allRules } from '../dist/engine/rule-list.js';

const root = new URL('../', import.meta.url);
const folder = new URL('docs/rules/', root);
const pages = rulePages(allRules);

mkdirSync(folder, { recursive: true });
// The page of a rule that is gone goes too.
for (const name of readdirSync(folder)) if (name.endsWith('.md') && !pages.has(`docs/rules/${name}`)) rmSync(new URL(name, folder));
for (const [path, text] of pages) writeFileSync(new URL(path, root), text);

const readme = new URL('README.md', root);
writeFileSync(readme, withRules(readFileSync(readme, 'utf8'), allRules));
console.error(`docs: ${pages.size} rule pages in docs/rules/, and the rule list in README.md`);
