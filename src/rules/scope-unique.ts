import { defineRule } from './define-rule.js';
import { removeRepeatFix } from './utils/fixes.js';
import { scopeFixes } from './utils/scopes.js';
import { clip } from '../text/describe.js';

export default defineRule({
  id: 'scope-unique',
  severity: 'warning',
  messages: {
    duplicate: 'Scope "{{scope}}" is already listed at scopes[{{first}}]; remove this one.',
  },
  docs: {
    summary: 'List each scope once.',
    why: 'A scope listed twice grants nothing more. It usually means a merge went wrong, or that one of the two lines was meant to be a different scope (a :read that should have been a :write).',
    bad: 'scopes:\n  - export-jobs:read\n  - export-items:read\n  - export-jobs:read',
    good: 'scopes:\n  - export-jobs:read\n  - export-items:read\n  - export-jobs:write',
    fix: 'Remove the repeated scope, or change it to the scope you meant. Only exact repeats are reported; a repeat that differs in case (Users:read) is reported by scope-format.',
    source: 'house rule (Pleo\'s scope pages list each scope once; a repeat adds nothing)',
  },
  check(manifest, context) {
    const scopes = manifest.data.scopes;
    if (!Array.isArray(scopes)) return;
    const seen = new Map<string, number>();
    const fixes = scopeFixes(scopes, context.settings.scopes);
    // An exact repeat goes; one with white space or a legacy name of its own is fixed by that rule.
    const repeatFix = (index: number, value: string) => {
      const first = fixes.first[index];
      return first === undefined || fixes.differences[index]!.length > 0 ? undefined : removeRepeatFix('scopes', index, value, first, []);
    };
    scopes.forEach((value: unknown, index) => {
      if (typeof value !== 'string') return;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else context.report({ messageId: 'duplicate', path: ['scopes', index], data: { scope: clip(value), first }, fix: repeatFix(index, value) });
    });
  },
});
