import { closest } from '../text/suggest.js';
import { defineRule } from './define-rule.js';
import { trimFix } from './utils/fixes.js';
import { clip, describeValue } from '../text/describe.js';

export default defineRule({
  id: 'schema',
  severity: 'error',
  messages: {
    required: 'Missing required key "{{key}}": {{hint}}',
    unknownKey: 'Unknown key "{{key}}"; remove it, or start it with "x-" if it is your own metadata.',
    unknownKeySuggestion: 'Unknown key "{{key}}"; did you mean "{{suggestion}}"?',
    unknownKeyTaken: 'Unknown key "{{key}}"; "{{suggestion}}" is already set, so merge this into it or remove it.',
    type: '"{{key}}" must be {{expected}}, found {{found}}.',
    enum: '"{{key}}" must be one of {{allowed}}, found {{found}}.',
    enumSuggestion: '"{{key}}" must be one of {{allowed}}, found {{found}}; did you mean "{{suggestion}}"?',
    minItems: '"{{key}}" must list at least {{limit}} item{{plural}}; it is empty.',
    maxItems: '"{{key}}" lists {{count}} items; the limit is {{limit}}. Keep the ones your integration uses.',
    minLength: '"{{key}}" must not be empty.',
    maxLength: '"{{key}}" is {{length}} characters long; the limit is {{limit}}.',
    invalid: '"{{key}}" is not valid here: {{reason}}.',
  },
  docs: {
    summary: 'Keep the manifest to the keys, types and values of the JSON Schema.',
    why: 'Pleo registers exactly the fields of its registration form. A misspelt key is silently missing from your registration, and a value of the wrong type cannot be registered at all.',
    bad: 'client_name: Acme Books\nredirect_uri: https://app.acme-books.io/callback\nclient_type: server',
    good: 'client_name: Acme Books\nredirect_uris:\n  - https://app.acme-books.io/callback\nclient_type: confidential',
    fix: 'Rename unknown keys to the suggested key (or prefix your own metadata with "x-"), add missing keys, and use one of the listed values. `pleo-register schema` prints the schema; the `# yaml-language-server: $schema=` modeline makes editors complete and check the keys.',
    source: 'Pleo "OAuth 2.0 Client Registration" (the three categories of information); RFC 7591 §2 (client metadata names)',
  },
  readsWholeLists: true,
  check(manifest, context) {
    for (const finding of context.settings.schema.validate(manifest.data)) {
      const { keyword, path, params } = finding;
      const key = clip(path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '['));
      const last = path[path.length - 1];
      switch (keyword) {
        case 'required': {
          const description = context.settings.schema.at(path)?.description ?? '';
          context.report({ messageId: 'required', path, data: { key, hint: firstSentence(description) } });
          break;
        }
        case 'additionalProperties': {
          const parent = context.settings.schema.at(path.slice(0, -1));
          const known = Object.keys(parent?.properties ?? {});
          const standard = path.length === 1 && Object.hasOwn(RFC_NAMES, String(last)) ? RFC_NAMES[String(last)] : undefined;
          const suggestion = standard ?? closest(String(last), known);
          const taken = suggestion !== undefined && valueAt(manifest.data, [...path.slice(0, -1), suggestion]) !== undefined;
          const data = { key: clip(String(last)), suggestion: suggestion ?? '' };
          context.report({ messageId: taken ? 'unknownKeyTaken' : suggestion ? 'unknownKeySuggestion' : 'unknownKey', path, target: 'key', data });
          break;
        }
        case 'enum': {
          const allowed = (params.allowedValues as unknown[]).map(String);
          const value = valueAt(manifest.data, path);
          const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
          context.report({
            messageId: suggestion ? 'enumSuggestion' : 'enum',
            path,
            // A top-level choice with white space around it (" staging") loses the white space.
            fix: path.length === 1 && typeof value === 'string' ? trimFix(key, value) : undefined,
            data: { key, allowed: allowed.map((v) => `"${v}"`).join(', '), found: describeValue(value), suggestion: suggestion ?? '' },
          });
          break;
        }
        case 'type':
          context.report({ messageId: 'type', path, data: { key, expected: article(String(params.type)), found: describeValue(valueAt(manifest.data, path)) } });
          break;
        case 'minItems':
          context.report({ messageId: 'minItems', path, data: { key, limit: Number(params.limit), plural: Number(params.limit) === 1 ? '' : 's' } });
          break;
        case 'maxItems': {
          const value = valueAt(manifest.data, path);
          context.report({ messageId: 'maxItems', path, data: { key, limit: Number(params.limit), count: Array.isArray(value) ? value.length : 0 } });
          break;
        }
        case 'minLength':
          context.report({ messageId: 'minLength', path, data: { key } });
          break;
        case 'maxLength':
          context.report({ messageId: 'maxLength', path, data: { key, limit: Number(params.limit), length: [...String(valueAt(manifest.data, path))].length } });
          break;
        default:
          context.report({ messageId: 'invalid', path, data: { key, reason: keyword } });
      }
    }
  },
});

/** Standard metadata names (RFC 7591, OpenID Connect) a team may reach for, and this manifest's key. */
const RFC_NAMES: Readonly<Record<string, string>> = {
  logo_uri: 'logo',
  scope: 'scopes',
  redirect_uri: 'redirect_uris',
  initiate_login_uri: 'initiation_uri',
  token_endpoint_auth_method: 'client_type',
  application_type: 'client_type',
  code_challenge_method: 'pkce',
  code_challenge_methods: 'pkce',
  contact: 'contacts',
};

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<string | number, unknown> | null)?.[segment];
  return value;
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`;
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
