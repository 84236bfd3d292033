import type { Rule, RuleMeta } from '../rules/define-rule.js';
import { rules } from '../rules/index.js';
import schema from '../rules/schema.js';
import disableDirective from './disable-directive.js';
import yamlSyntax from './yaml-syntax.js';

/**
 * Everything a problem can come from, in the order the documentation and `pleo-register rules` list
 * them: the rules, with the engine's own two (YAML syntax, disable directives) among them.
 */
export const allRules: readonly (Rule | RuleMeta)[] = [yamlSyntax, schema, disableDirective, ...rules.filter((rule) => rule !== schema)];

export const rulesById: ReadonlyMap<string, Rule | RuleMeta> = new Map(allRules.map((rule) => [rule.id, rule]));

export { disableDirective, yamlSyntax };
