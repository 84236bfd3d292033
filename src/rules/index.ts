import type { Rule } from './define-rule.js';
import schema from './schema.js';
import yamlSyntax from './yaml-syntax.js';

/** Every rule, in the order SPEC §2 lists them. */
export const rules: readonly Rule[] = [yamlSyntax, schema] as Rule[];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
