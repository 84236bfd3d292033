import { ruleTester } from '../test-support/rule-tester.js';
import rule from './schema.js';

/** A complete, valid manifest, one top-level key per block; line numbers are noted for the cases below. */
const BLOCKS: [string, string][] = [
  ['client_name', 'client_name: Acme Books'], // 1
  ['client_uri', 'client_uri: https://acme-books.io/'], // 2
  ['logo', 'logo: ./brand/logo.png'], // 3
  ['tos_uri', 'tos_uri: https://acme-books.io/legal/terms'], // 4
  ['policy_uri', 'policy_uri: https://acme-books.io/legal/privacy'], // 5
  ['contacts', 'contacts:\n  - integrations@acme-books.io'], // 6-7
  ['initiation_uri', 'initiation_uri: https://app.acme-books.io/pleo/connect'], // 8
  ['settings_uri', 'settings_uri: https://app.acme-books.io/pleo/settings'], // 9
  ['client_type', 'client_type: confidential'], // 10
  ['redirect_uris', 'redirect_uris:\n  - https://app.acme-books.io/oauth/pleo/callback'], // 11-12
  ['scopes', 'scopes:\n  - export-jobs:read'], // 13-14
];

/** The manifest with some blocks replaced (null removes one) and lines added at the end (line 15 on). */
function manifest(changes: Record<string, string | null> = {}, extra = ''): string {
  const lines = BLOCKS.map(([key, text]) => (key in changes ? changes[key] : text)).filter((text) => text !== null);
  return lines.join('\n') + '\n' + extra;
}

ruleTester(rule, {
  valid: [
    { name: 'a complete manifest', code: manifest() },
    { name: 'every optional key', code: manifest({}, 'environment: staging\npkce: S256\nsubject_type: organization\n') },
    { name: 'pkce is not constrained by the schema (pkce-s256 owns it)', code: manifest({}, 'pkce: plain\n') },
    { name: 'pkce of any type', code: manifest({}, 'pkce: [S256]\n') },
    { name: 'x- keys with any content', code: manifest({}, 'x-owner: team-integrations\nx-meta: {a: [1, {b: null}], c: true}\nx-: 1\nx-list:\n  - 1\n  - [2]\n') },
    { name: 'client_name of exactly 100 characters', code: manifest({ client_name: `client_name: ${'a'.repeat(100)}` }) },
    { name: 'client_name of 100 emoji (counted as characters)', code: manifest({ client_name: `client_name: ${'📚'.repeat(100)}` }) },
    { name: 'several contacts and redirect URIs', code: manifest({ contacts: 'contacts: [a@acme-books.io, b@acme-books.io]' }) },
    {
      name: 'lists at their limits: 20 contacts, 100 redirect URIs, 100 scopes',
      code: manifest({
        contacts: `contacts: [${Array.from({ length: 20 }, (_, i) => `c${i}@acme-books.io`).join(', ')}]`,
        redirect_uris: `redirect_uris: [${Array.from({ length: 100 }, (_, i) => `https://app.acme-books.io/cb/${i}`).join(', ')}]`,
        scopes: `scopes: [${Array(100).fill('export-jobs:read').join(', ')}]`,
      }),
    },
    { name: 'a flow mapping', code: `{${BLOCKS.map(([, text]) => text.replace(/\n\s+- /, ' [').replace(/(\[.*)$/, '$1]')).join(', ')}}` },
  ],
  invalid: [
    {
      name: 'one required key missing: reported at the first key, as the root has none',
      code: manifest({ client_uri: null }),
      errors: [{ messageId: 'required', path: '/client_uri', line: 1, column: 1, severity: 'error', includes: ['"client_uri"', 'Home page'] }],
    },
    {
      name: 'a missing key is reported at the first key after leading comments',
      code: '# yaml-language-server: $schema=./schema.json\n\n' + manifest({ logo: null }),
      errors: [{ messageId: 'required', path: '/logo', line: 3, column: 1 }],
    },
    {
      name: 'several required keys missing, in the schema\'s order',
      code: 'client_name: Acme Books\nclient_type: public\n',
      errors: ['client_uri', 'logo', 'tos_uri', 'policy_uri', 'contacts', 'initiation_uri', 'settings_uri', 'redirect_uris', 'scopes'].map((key) => ({
        messageId: 'required',
        path: `/${key}`,
        line: 1,
      })),
    },
    {
      name: 'unknown key with a suggestion: redirect_uri',
      code: manifest({ redirect_uris: 'redirect_uri: https://app.acme-books.io/oauth/pleo/callback' }),
      errors: [
        { messageId: 'required', path: '/redirect_uris', line: 1 },
        { messageId: 'unknownKeySuggestion', path: '/redirect_uri', line: 11, column: 1, includes: ['"redirect_uri"', 'did you mean "redirect_uris"'] },
      ],
    },
    {
      name: 'unknown key with a suggestion that is already set: client-name beside client_name',
      code: manifest({}, 'client-name: Acme\n'),
      errors: [{ messageId: 'unknownKeyTaken', path: '/client-name', line: 15, includes: ['"client_name" is already set'] }],
    },
    {
      name: 'unknown key with a suggestion: client-name instead of client_name',
      code: manifest({ client_name: 'client-name: Acme Books' }),
      errors: [
        { messageId: 'required', path: '/client_name' },
        { messageId: 'unknownKeySuggestion', path: '/client-name', line: 1, includes: ['did you mean "client_name"'] },
      ],
    },
    {
      name: 'the RFC 7591 name scope, beside scopes',
      code: manifest({}, 'scope: users:read\n'),
      errors: [{ messageId: 'unknownKeyTaken', line: 15, includes: ['"scopes" is already set'] }],
    },
    {
      name: 'the RFC 7591 name logo_uri instead of logo',
      code: manifest({ logo: 'logo_uri: https://acme-books.io/logo.png' }),
      errors: [
        { messageId: 'required', path: '/logo' },
        { messageId: 'unknownKeySuggestion', path: '/logo_uri', line: 3, includes: ['did you mean "logo"'] },
      ],
    },
    {
      name: 'unknown key without a suggestion',
      code: manifest({}, 'owner: team-integrations\n'),
      errors: [{ messageId: 'unknownKey', path: '/owner', line: 15, column: 1, includes: ['start it with "x-"'] }],
    },
    {
      name: 'X- in capitals is not an x- key',
      code: manifest({}, 'X-owner: me\n'),
      errors: [{ messageId: 'unknownKey', path: '/X-owner', line: 15 }],
    },
    {
      name: 'unknown key whose value is a mapping: pointed at the key',
      code: manifest({}, 'extra:\n  a: 1\n'),
      errors: [{ messageId: 'unknownKey', line: 15, column: 1 }],
    },
    {
      name: 'enum with a suggestion',
      code: manifest({ client_type: 'client_type: confidental' }),
      errors: [{ messageId: 'enumSuggestion', path: '/client_type', line: 10, column: 14, includes: ['"confidental"', 'did you mean "confidential"', '"confidential", "public"'] }],
    },
    {
      name: 'environment: prod',
      code: manifest({}, 'environment: prod\n'),
      errors: [{ messageId: 'enum', path: '/environment', line: 15, column: 14, includes: ['"production", "staging"', 'found "prod"'] }],
    },
    {
      name: 'enum in the wrong case is suggested',
      code: manifest({}, 'subject_type: Company\n'),
      errors: [{ messageId: 'enumSuggestion', path: '/subject_type', includes: ['"company"'] }],
    },
    {
      name: 'enum given a number or a list',
      code: manifest({ client_type: 'client_type: 5' }, 'environment: [staging]\n'),
      errors: [
        { messageId: 'enum', path: '/client_type', line: 10, includes: ['found number 5'] },
        { messageId: 'enum', path: '/environment', line: 15, includes: ['found a list'] },
      ],
    },
    {
      name: 'wrong types: a number, a string for a list, a mapping for a list',
      code: manifest({ client_name: 'client_name: 42', contacts: 'contacts: integrations@acme-books.io', scopes: 'scopes: {a: 1}' }),
      errors: [
        { messageId: 'type', path: '/client_name', line: 1, column: 14, includes: ['"client_name" must be a string', 'number 42'] },
        { messageId: 'type', path: '/contacts', line: 6, column: 11, includes: ['must be a list', '"integrations@acme-books.io"'] },
        { messageId: 'type', path: '/scopes', line: 12, includes: ['must be a list', 'a mapping'] },
      ],
    },
    {
      name: 'scopes as one space-separated string',
      code: manifest({ scopes: 'scopes: export-jobs:read users:read' }),
      errors: [{ messageId: 'type', path: '/scopes', line: 13, column: 9, includes: ['must be a list', '"export-jobs:read users:read"'] }],
    },
    {
      name: 'a key with no value is null',
      code: manifest({ client_uri: 'client_uri:' }),
      errors: [{ messageId: 'type', path: '/client_uri', line: 2, includes: ['must be a string', 'nothing (null)'] }],
    },
    {
      name: 'a boolean where a string belongs',
      code: manifest({ logo: 'logo: true' }),
      errors: [{ messageId: 'type', path: '/logo', line: 3, includes: ['boolean true'] }],
    },
    {
      name: 'empty lists',
      code: manifest({ contacts: 'contacts: []', redirect_uris: 'redirect_uris: []', scopes: 'scopes: []' }),
      errors: [
        { messageId: 'minItems', path: '/contacts', line: 6, includes: ['at least 1 item;'] },
        { messageId: 'minItems', path: '/redirect_uris', line: 10 },
        { messageId: 'minItems', path: '/scopes', line: 11 },
      ],
    },
    {
      name: 'lists longer than a registration can hold',
      code: manifest({
        contacts: `contacts: [${Array.from({ length: 21 }, (_, i) => `c${i}@acme-books.io`).join(', ')}]`,
        redirect_uris: `redirect_uris: [${Array.from({ length: 101 }, (_, i) => `https://app.acme-books.io/cb/${i}`).join(', ')}]`,
        scopes: `scopes: [${Array(90_000).fill('export-jobs:read').join(', ')}]`,
      }),
      errors: [
        { messageId: 'maxItems', path: '/contacts', line: 6, includes: ['lists 21 items; the limit is 20.'] },
        { messageId: 'maxItems', path: '/redirect_uris', line: 10, includes: ['lists 101 items; the limit is 100.'] },
        { messageId: 'maxItems', path: '/scopes', line: 11, includes: ['lists 90000 items; the limit is 100.'] },
      ],
    },
    {
      name: 'empty client_name',
      code: manifest({ client_name: 'client_name: ""' }),
      errors: [{ messageId: 'minLength', path: '/client_name', line: 1 }],
    },
    {
      name: 'client_name over 100 characters',
      code: manifest({ client_name: `client_name: ${'a'.repeat(101)}` }),
      errors: [{ messageId: 'maxLength', path: '/client_name', line: 1, includes: ['101 characters', 'limit is 100'] }],
    },
    {
      name: 'client_name of 101 emoji',
      code: manifest({ client_name: `client_name: ${'📚'.repeat(101)}` }),
      errors: [{ messageId: 'maxLength', includes: ['101 characters'] }],
    },
    {
      name: 'a type error inside a list is reported on its own line',
      code: manifest({ contacts: 'contacts:\n  - integrations@acme-books.io\n  - 42\n  - [a@acme-books.io]' }),
      errors: [
        { messageId: 'type', path: '/contacts/1', line: 8, column: 5, includes: ['"contacts[1]" must be a string'] },
        { messageId: 'type', path: '/contacts/2', line: 9, column: 5, includes: ['"contacts[2]"', 'a list'] },
      ],
    },
    {
      name: 'wrong item types in scopes and redirect_uris',
      code: manifest({ redirect_uris: 'redirect_uris: [https://acme-books.io/cb, null]', scopes: 'scopes: [1, null, {a: 1}]' }),
      errors: [
        { messageId: 'type', path: '/redirect_uris/1', line: 11, includes: ['nothing (null)'] },
        { messageId: 'type', path: '/scopes/0', line: 12 },
        { messageId: 'type', path: '/scopes/1', line: 12 },
        { messageId: 'type', path: '/scopes/2', line: 12 },
      ],
    },
    {
      name: 'prototype names as keys are unknown keys',
      code: manifest({}, '__proto__: {a: 1}\nconstructor: 1\n'),
      errors: [
        { messageId: 'unknownKey', path: '/__proto__', line: 15 },
        { messageId: 'unknownKey', path: '/constructor', line: 16 },
      ],
    },
    {
      name: 'a long unknown key is clipped',
      code: manifest({}, `${'k'.repeat(500)}: 1\n`),
      errors: [{ messageId: 'unknownKey', line: 15, includes: ['…'], excludes: ['k'.repeat(100)] }],
    },
    {
      name: 'a manifest of one unknown key',
      code: 'a: 1\n',
      errors: [
        ...['client_name', 'client_uri', 'logo', 'tos_uri', 'policy_uri', 'contacts', 'initiation_uri', 'settings_uri', 'client_type', 'redirect_uris', 'scopes'].map(
          (key) => ({ messageId: 'required', path: `/${key}`, line: 1 }),
        ),
        { messageId: 'unknownKey', path: '/a', line: 1 },
      ],
    },
  ],
});
