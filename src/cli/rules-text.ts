import { severitiesOf, type Rule, type RuleMeta } from '../rules/define-rule.js';

/** `pleo-register rules`: one line a rule. */
export function ruleList(rules: readonly (Rule | RuleMeta)[]): string {
  const width = rules.reduce((most, rule) => Math.max(most, rule.id.length), 0);
  const severityWidth = rules.reduce((most, rule) => Math.max(most, severitiesOf(rule).length), 0);
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${severitiesOf(rule).padEnd(severityWidth)}  ${rule.docs.summary}`);
  return [...lines, '', `'pleo-register rules <rule-id>' explains one: why, examples, how to fix it.`, ''].join('\n');
}

/** `pleo-register rules <id>`: the rule explained. */
export function ruleHelp(rule: Rule | RuleMeta): string {
  const indent = (text: string) => text.split('\n').map((line) => '    ' + line).join('\n');
  return [
    `${rule.id} (${severitiesOf(rule)})`,
    '',
    rule.docs.summary,
    '',
    'Why',
    indent(rule.docs.why),
    '',
    'Fails',
    indent(rule.docs.bad),
    '',
    'Passes',
    indent(rule.docs.good),
    '',
    'How to fix',
    indent(rule.docs.fix),
    '',
    `Source: ${rule.docs.source}`,
    '',
  ].join('\n');
}
