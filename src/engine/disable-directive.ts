import type { RuleMeta } from '../rules/define-rule.js';

// The engine (src/engine/directives.ts) finds these while applying the directives; this file words them.
const disableDirective: RuleMeta = {
  id: 'disable-directive',
  severity: 'warning',
  messages: {
    missingReason: '{{directive}} {{rules}} has no reason, so it silences nothing; add one after " -- " (e.g. "-- Pleo support confirmed the tenant parameter").',
    unknownRule: '{{directive}} names "{{ruleId}}", which is not a rule; `pleo-register rules` lists them.',
    unused: '{{directive}} {{ruleId}} silences nothing: there is no {{ruleId}} problem {{where}}; remove the directive.',
    noRule: '{{directive}} names no rule; write the rule id to silence, then " -- " and the reason.',
  },
  docs: {
    summary: 'Give every pleo-register-disable directive a known rule and a reason, and remove the ones that silence nothing.',
    why: 'A silenced problem is a decision someone made; the reason is how the next reader learns it. A directive that names a misspelt rule or silences nothing looks like a decision but is not one, and hides the next real problem on that line.',
    bad: 'redirect_uris:\n  # pleo-register-disable-next-line redirect-uri-query\n  - https://app.acme-books.io/callback?tenant=eu',
    good: 'redirect_uris:\n  # pleo-register-disable-next-line redirect-uri-query -- Pleo support confirmed the tenant parameter\n  - https://app.acme-books.io/callback?tenant=eu',
    fix: 'Write `# pleo-register-disable-next-line <rule-id> -- <reason>` on the line above the problem, or `# pleo-register-disable <rule-id> -- <reason>` anywhere to silence a rule for the whole file; remove directives the report calls unused.',
    source: 'house rule, as ESLint\'s --report-unused-disable-directives and eslint-comments/require-description',
  },
};

export default disableDirective;
