import { readFileSync } from 'node:fs';
import * as ajv2020 from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shippedCatalogue } from '../resources.js';
import { dcrJson, exportDcr, exportForm } from './index.js';

// ajv and ajv-formats are CommonJS: the class and the plugin are the modules' default exports.
const Ajv2020 = ajv2020.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const rfc7591 = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/rfc7591-client-metadata.schema.json', import.meta.url), 'utf8')));

const complete = parse(readFileSync(new URL('../../fixtures/valid/complete.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
const catalogue = shippedCatalogue();

function errorsOf(metadata: unknown) {
  return rfc7591(metadata) ? [] : rfc7591.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

describe('exportForm', () => {
  it('writes the registration form for fixtures/valid/complete.yaml', () => {
    expect(exportForm(complete, catalogue)).toBe(`Pleo Developer Partner Registration — Production
================================================

Human-readable information
--------------------------

Client Name:
Acme Books

Client URI:
https://acme-books.io/

Logo:
./brand/logo.png
(a file, relative to the manifest: attach it to the form)

Terms of Service URI:
https://acme-books.io/legal/terms

Privacy Policy URI:
https://acme-books.io/legal/privacy

Contact Email(s):
integrations@acme-books.io

Pleo-specific integration information
-------------------------------------

Initiation URI:
https://app.acme-books.io/pleo/connect

Settings URI:
https://app.acme-books.io/pleo/settings

Technical information
---------------------

Redirect URI(s):
https://app.acme-books.io/oauth/pleo/callback

Requested scopes:
export-jobs:read   (Read export jobs and their items)
export-items:read  (Read export items)

PKCE support:
Supported (S256)

Subject type preference:
company

Not a field of the form
-----------------------

Client type: confidential (a server keeps the client secret; it authenticates to the token endpoint with client_secret_basic)
`);
  });

  it("names every field of Pleo's form, in the form's order and categories", () => {
    const form = exportForm(complete, catalogue);
    const order = [
      'Human-readable information',
      'Client Name:',
      'Client URI:',
      'Logo:',
      'Terms of Service URI:',
      'Privacy Policy URI:',
      'Contact Email(s):',
      'Pleo-specific integration information',
      'Initiation URI:',
      'Settings URI:',
      'Technical information',
      'Redirect URI(s):',
      'Requested scopes:',
      'PKCE support:',
      'Subject type preference:',
    ];
    const lines = form.split('\n');
    const positions = order.map((name) => lines.indexOf(name));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('words PKCE, the subject type, a URL logo and a staging registration as the form does', () => {
    const form = exportForm({ ...complete, environment: 'staging', pkce: 'none', subject_type: undefined, logo: 'https://acme-books.io/logo.png' }, catalogue);
    expect(form).toMatch(/^Pleo Developer Partner Registration — Staging\n/);
    expect(form).toContain('PKCE support:\nNot supported\n');
    expect(form).toContain('Subject type preference:\nNone\n');
    expect(form).toContain('Logo:\nhttps://acme-books.io/logo.png\n\n');
    expect(exportForm({ ...complete, pkce: undefined }, catalogue)).toContain('PKCE support:\nNot supported\n');
  });

  it('lists several values one a line, and says what the catalogue does not know', () => {
    const form = exportForm(
      { ...complete, contacts: ['a@acme-books.io', 'b@acme-books.io'], scopes: ['users:read', 'export:read', 'made-up:read'], redirect_uris: ['https://a.acme-books.io/cb', 'https://b.acme-books.io/cb'] },
      catalogue,
    );
    expect(form).toContain('Contact Email(s):\na@acme-books.io\nb@acme-books.io\n');
    expect(form).toContain('Redirect URI(s):\nhttps://a.acme-books.io/cb\nhttps://b.acme-books.io/cb\n');
    expect(form).toContain('Requested scopes:\nusers:read    (Read employees)\nexport:read   (Read exports; legacy, now export-jobs:read)\nmade-up:read  (not in the scope catalogue)\n');
  });

  it('survives a manifest that breaks the schema (export --force), and prints no control character', () => {
    const form = exportForm({ client_name: 'Evil\u001b[2J\u202eName', client_uri: 42, contacts: 'one@acme-books.io', scopes: [1, 'users:read'], pkce: 'plain' }, catalogue);
    expect(form).toContain('Client Name:\nEvil\\u{001B}[2J\\u{202E}Name\n');
    expect(form).toContain('Client URI:\n(not set)\n');
    expect(form).toContain('Contact Email(s):\none@acme-books.io\n');
    expect(form).toContain('PKCE support:\n"plain" (not a value Pleo accepts: S256 or none)\n');
    expect(form).toContain('Client type: (not set)\n');
    expect(form).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(() => exportForm({}, catalogue)).not.toThrow();
  });
});

describe('exportDcr', () => {
  it('writes RFC 7591 client metadata for fixtures/valid/complete.yaml, with a note for the logo file', () => {
    const { metadata, notes } = exportDcr(complete);
    expect(dcrJson(metadata)).toBe(`{
  "redirect_uris": [
    "https://app.acme-books.io/oauth/pleo/callback"
  ],
  "token_endpoint_auth_method": "client_secret_basic",
  "grant_types": [
    "authorization_code",
    "refresh_token"
  ],
  "response_types": [
    "code"
  ],
  "client_name": "Acme Books",
  "client_uri": "https://acme-books.io/",
  "scope": "export-jobs:read export-items:read",
  "contacts": [
    "integrations@acme-books.io"
  ],
  "tos_uri": "https://acme-books.io/legal/terms",
  "policy_uri": "https://acme-books.io/legal/privacy",
  "initiate_login_uri": "https://app.acme-books.io/pleo/connect",
  "x-pleo-settings_uri": "https://app.acme-books.io/pleo/settings",
  "x-pleo-subject_type": "company",
  "x-pleo-pkce": "S256",
  "x-pleo-environment": "production"
}
`);
    expect(notes).toEqual([
      'logo "./brand/logo.png" is a file, and RFC 7591 carries a logo only as a URL (logo_uri): publish the image at an https URL and add logo_uri, or send the file with the registration.',
    ]);
  });

  it('is valid RFC 7591 client metadata (schemas/rfc7591-client-metadata.schema.json), for each client type and logo', () => {
    expect(errorsOf(exportDcr(complete).metadata)).toEqual([]);
    const publicClient = exportDcr({ ...complete, client_type: 'public', logo: 'https://acme-books.io/brand/logo.png', subject_type: undefined, pkce: undefined });
    expect(errorsOf(publicClient.metadata)).toEqual([]);
    expect(publicClient.metadata).toMatchObject({ token_endpoint_auth_method: 'none', logo_uri: 'https://acme-books.io/brand/logo.png', 'x-pleo-pkce': 'none' });
    expect(publicClient.metadata).not.toHaveProperty('x-pleo-subject_type');
    expect(publicClient.notes).toEqual([]);
  });

  it('leaves out a logo that is not an https URL, and says so outside the JSON', () => {
    const { metadata, notes } = exportDcr({ ...complete, logo: 'http://acme-books.io/logo.png' });
    expect(metadata).not.toHaveProperty('logo_uri');
    expect(notes).toEqual(['logo "http://acme-books.io/logo.png" is not an https URL, so logo_uri is left out.']);
  });

  it('carries only the manifest keys it maps: never x-* keys, unknown keys or secrets a manifest should not hold', () => {
    const { metadata } = exportDcr({ ...complete, 'x-owner': 'team', client_secret: 'abc', redirect_uri: 'https://x' });
    expect(Object.keys(metadata)).not.toContain('x-owner');
    expect(Object.keys(metadata)).not.toContain('client_secret');
    expect(Object.keys(metadata)).not.toContain('redirect_uri');
    // No Pleo-specific member can take a registered name: all of them are under x-pleo-.
    const standard = ['redirect_uris', 'token_endpoint_auth_method', 'grant_types', 'response_types', 'client_name', 'client_uri', 'logo_uri', 'scope', 'contacts', 'tos_uri', 'policy_uri', 'initiate_login_uri'];
    expect(Object.keys(metadata).filter((key) => !standard.includes(key)).every((key) => key.startsWith('x-pleo-'))).toBe(true);
  });

  it('survives a manifest that breaks the schema, with a note for each value left out', () => {
    const { metadata, notes } = exportDcr({ client_name: 7, client_type: 'server', scopes: ['a:read', 3], contacts: 'one@acme-books.io' });
    expect(metadata).not.toHaveProperty('client_name');
    expect(metadata).not.toHaveProperty('token_endpoint_auth_method');
    expect(metadata).toMatchObject({ scope: 'a:read', contacts: ['one@acme-books.io'] });
    expect(notes).toEqual([
      'client_type is neither confidential nor public, so token_endpoint_auth_method is left out (the RFC 7591 default is client_secret_basic).',
      'client_name is not a string, so client_name is left out.',
      'scopes is not a list of strings; only its strings are exported.',
      'contacts is not a list of strings; only its strings are exported.',
    ]);
    expect(() => exportDcr({})).not.toThrow();
  });

  it('prints JSON that parses back to the same metadata, with terminal controls escaped', () => {
    const { metadata } = exportDcr({ ...complete, client_name: 'A\u009b31mB\u202eC' });
    const json = dcrJson(metadata);
    expect(json).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
    expect(JSON.parse(json)).toEqual(metadata);
  });
});

describe('schemas/rfc7591-client-metadata.schema.json', () => {
  it('refuses what RFC 7591 §2 forbids', () => {
    const base = exportDcr(complete).metadata;
    expect(errorsOf({ ...base, logo_uri: './brand/logo.png' })).not.toEqual([]);
    expect(errorsOf({ ...base, redirect_uris: ['https://a.io/cb#frag'] })).not.toEqual([]);
    expect(errorsOf({ ...base, scope: ['a:read'] })).not.toEqual([]);
    expect(errorsOf({ ...base, scope: 'a:read  b:read' })).not.toEqual([]);
    expect(errorsOf({ ...base, token_endpoint_auth_method: 'basic' })).not.toEqual([]);
    expect(errorsOf({ ...base, grant_types: ['authorization_code'], response_types: ['token'] })).not.toEqual([]);
    expect(errorsOf({ ...base, response_types: ['token'] })).not.toEqual([]);
    expect(errorsOf({ ...base, jwks_uri: 'https://a.io/jwks', jwks: { keys: [] } })).not.toEqual([]);
    expect(errorsOf({ ...base, contacts: 'integrations@acme-books.io' })).not.toEqual([]);
  });

  it('accepts what RFC 7591 allows: unknown members, language tags, extension grants', () => {
    expect(errorsOf({ redirect_uris: ['https://a.io/cb'] })).toEqual([]);
    expect(errorsOf({ 'client_name#ja-Jpan-JP': 'クライアント名', anything_else: { nested: true } })).toEqual([]);
    expect(errorsOf({ grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'authorization_code'], response_types: ['code'] })).toEqual([]);
  });
});
