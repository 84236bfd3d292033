import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../scopes.js';
import { consentContent, consentPage, errorPage, signInPage } from './pages.js';

const catalogue = createCatalogue([
  { scope: 'export-jobs:read', status: 'documented', description: 'Read export jobs' },
  { scope: 'export:read', status: 'legacy', replacement: 'export-jobs:read', description: 'Read exports (old name)' },
]);

const hostile = {
  client_name: '<script>alert(1)</script> "Books" & \u202Eco',
  scopes: ['export-jobs:read', 'export:read', '<img src=x onerror=alert(1)>'],
  tos_uri: 'https://acme.io/terms?a=1&b="2"',
  policy_uri: 'javascript:alert(1)',
};

describe('consent page', () => {
  const content = consentContent(hostile, catalogue, { available: true });
  const html = consentPage('uid-1', content);

  it('escapes every manifest value and shows no raw markup from it', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Books&quot; &amp; \uFFFDco');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('href="https://acme.io/terms?a=1&amp;b=&quot;2&quot;"');
  });

  it('links only http(s) pages; another scheme is shown as not given', () => {
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Privacy policy: not given');
  });

  it('loads nothing from elsewhere: the only resource is the local /logo', () => {
    const sources = [...html.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['/logo']);
    expect(html).not.toMatch(/<link|@import|url\(/);
  });

  it('shows the scopes in plain words from the catalogue, marking old and unknown ones', () => {
    expect(html).toContain('Read export jobs<br><code>export-jobs:read</code>');
    expect(html).toContain('(old name)');
    expect(html).toContain('(not in the scope catalogue)');
  });

  it('posts Allow and Cancel to the interaction', () => {
    expect(html).toContain('action="/interaction/uid-1/confirm"');
    expect(html).toContain('action="/interaction/uid-1/abort"');
    expect(html).toMatch(/>Allow access</);
    expect(html).toMatch(/>Cancel</);
  });

  it('shows why the logo is missing instead of an image', () => {
    const missing = consentPage('u', consentContent(hostile, catalogue, { available: false, why: 'URL not fetched' }));
    expect(missing).not.toContain('<img');
    expect(missing).toContain('Logo: URL not fetched');
  });
});

describe('sign-in page', () => {
  it('signs in for a company by default, and for an organisation when subject_type says so', () => {
    expect(signInPage('u', consentContent({ client_name: 'Acme' }, catalogue, { available: true }))).toContain('of the company <strong>Test Company ApS</strong>');
    expect(signInPage('u', consentContent({ client_name: 'Acme', subject_type: 'organization' }, catalogue, { available: true }))).toContain(
      'of the organisation <strong>Test Organisation</strong>',
    );
  });

  it('escapes the app name and the interaction id', () => {
    const html = signInPage('a"b/../c', consentContent({ client_name: '<b>x</b>' }, catalogue, { available: true }));
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('action="/interaction/a%22b%2F..%2Fc/login"');
  });
});

describe('error page', () => {
  it('escapes the explanation', () => {
    const html = errorPage('invalid_redirect_uri', 'did not match', 'redirect_uri "<x>" is not registered');
    expect(html).toContain('redirect_uri &quot;&lt;x&gt;&quot; is not registered');
  });
});
