// Regenerates the rule reference in README.md from the built rules (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRules } from '../dist/docs/rules-markdown.js';
import { rules } from '../dist/rules/index.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withRules(readFileSync(path, 'utf8'), rules));
