import type { Rule } from './define-rule.js';
import schema from './schema.js';
import yamlSyntax from './yaml-syntax.js';
// imports: secrets and human-readable information
// imports: URIs and redirect URIs
// imports: scopes and PKCE

/** Every rule, in the order SPEC §2 lists them. */
export const rules: readonly Rule[] = [
  yamlSyntax,
  schema,
  // rules: secrets and human-readable information
  // rules: URIs and redirect URIs
  // rules: scopes and PKCE
] as Rule[];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
