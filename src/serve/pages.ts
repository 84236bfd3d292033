/**
 * The pages the local server shows a person: sign-in-as, consent, and an error. Pure: text in, HTML
 * out. Every manifest value is made printable and escaped (preview/text.ts, as the preview's SVG
 * does), and only ever lands in character data or a quoted attribute; the pages load nothing but
 * their own logo from this server.
 */
import { escapeXml, printable } from '../preview/text.js';
import type { ScopeCatalogue } from '../scopes.js';

export interface ConsentContent {
  clientName: string;
  /** Served at /logo when the logo could be read; otherwise the words for the placeholder. */
  logo: { available: true } | { available: false; why: string };
  scopes: { scope: string; description?: string; note?: string }[];
  links: { label: string; url?: string }[];
  /** Whom the test user signs in for: a company (default) or an organisation. */
  subjectType: 'company' | 'organization';
}

/** Pages of this server: their own styles and logo, nothing else. */
export const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/** The test user a sign-in stands for. */
export const TEST_ACCOUNT = { id: 'test-user', name: 'Test User', email: 'test.user@example.com' } as const;
export const TEST_SUBJECTS = {
  company: { id: 'test-company', kind: 'company', name: 'Test Company ApS' },
  organization: { id: 'test-organisation', kind: 'organisation', name: 'Test Organisation' },
} as const;

const LINKS = [
  { key: 'tos_uri', label: 'Terms of service' },
  { key: 'policy_uri', label: 'Privacy policy' },
  { key: 'client_uri', label: 'Website' },
] as const;

/** What the consent screen shows, from the manifest's data (secrets already masked) and the scope catalogue: the preview's parts. */
export function consentContent(data: Readonly<Record<string, unknown>>, catalogue: ScopeCatalogue, logo: ConsentContent['logo']): ConsentContent {
  const text = (value: unknown) => (typeof value === 'string' ? printable(value) : '');
  const scopes = Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [];
  return {
    clientName: text(data.client_name),
    logo,
    scopes: scopes.map((scope) => {
      const entry = catalogue.entries.get(scope);
      const note = entry === undefined ? 'not in the scope catalogue' : entry.status === 'legacy' ? 'old name' : entry.status === 'test' ? 'test scope' : undefined;
      return { scope: printable(scope), ...(entry?.description ? { description: printable(entry.description) } : {}), ...(note ? { note } : {}) };
    }),
    links: LINKS.map(({ key, label }) => ({ label, ...(text(data[key]) !== '' ? { url: text(data[key]) } : {}) })),
    subjectType: data.subject_type === 'organization' ? 'organization' : 'company',
  };
}

const html = (text: string) => escapeXml(printable(text));

const STYLE = `
body{margin:0;background:#f3f4f6;font-family:system-ui,sans-serif;color:#111827}
main{max-width:416px;margin:48px auto;background:#fff;border:1px solid #e5e7eb;border-radius:18px;padding:32px}
.banner{font-size:12px;color:#6b7280;text-align:center;margin:0 0 24px}
.logo{display:block;width:96px;height:96px;margin:0 auto 24px;border-radius:16px;object-fit:contain}
.missing{display:flex;align-items:center;justify-content:center;text-align:center;font-size:12px;color:#6b7280;border:1px dashed #d1d5db}
h1{font-size:24px;text-align:center;margin:0 0 4px;overflow-wrap:anywhere}
.sub{color:#4b5563;text-align:center;margin:0 0 24px}
ul{list-style:none;padding:0;margin:8px 0 24px}
li{padding:8px 0;border-top:1px solid #e5e7eb}
code{font-size:13px;color:#4b5563}
.note{font-size:12px;color:#b45309}
.links a,.links span{display:block;margin:6px 0;color:#1d4ed8;overflow-wrap:anywhere}
.links span{color:#6b7280}
.buttons{display:flex;gap:16px;margin-top:24px}
.buttons form{flex:1}
button{width:100%;height:44px;border-radius:10px;font-size:15px;font-weight:bold;cursor:pointer}
.secondary{background:#fff;border:1px solid #d1d5db;color:#111827}
.primary{background:#111827;border:0;color:#fff}
.small{font-size:12px;color:#6b7280;text-align:center;margin-top:24px}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">pleo-register serve: a local test server, not Pleo</p>
${body}
</main>
</body>
</html>
`;
}

/** Step 1: sign in as the test user, for the test company or organisation the manifest's subject_type names. */
export function signInPage(uid: string, content: ConsentContent): string {
  const subject = TEST_SUBJECTS[content.subjectType];
  const name = content.clientName === '' ? 'The app' : content.clientName;
  return page(
    'Sign in',
    `<h1>Sign in to Pleo</h1>
<p class="sub">${html(name)} asks you to sign in</p>
<ul>
<li><strong>${html(TEST_ACCOUNT.name)}</strong> <code>${html(TEST_ACCOUNT.email)}</code></li>
<li>of the ${subject.kind} <strong>${html(subject.name)}</strong></li>
</ul>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<div class="buttons"><button class="primary" type="submit">Sign in as ${html(TEST_ACCOUNT.name)}</button></div>
</form>`,
  );
}

/** Step 2: the consent screen, composed as the preview draws it, with Cancel and Allow. */
export function consentPage(uid: string, content: ConsentContent): string {
  const name = content.clientName === '' ? 'The app' : content.clientName;
  const logo = content.logo.available
    ? `<img class="logo" src="/logo" alt="">`
    : `<div class="logo missing">Logo: ${html(content.logo.why)}</div>`;
  const scopes =
    content.scopes.length === 0
      ? '<li><em>No scopes requested</em></li>'
      : content.scopes
          .map(
            (row) =>
              `<li>${row.description ? `${html(row.description)}<br>` : ''}<code>${html(row.scope)}</code>${row.note ? ` <span class="note">(${html(row.note)})</span>` : ''}</li>`,
          )
          .join('\n');
  const links = content.links
    .map((link) => (link.url && /^https?:\/\//i.test(link.url) ? `<a href="${html(link.url)}" rel="noopener noreferrer" target="_blank">${link.label}</a>` : `<span>${link.label}: not given</span>`))
    .join('\n');
  const action = (step: string) => `/interaction/${encodeURIComponent(uid)}/${step}`;
  return page(
    `${name}: allow access?`,
    `${logo}
<h1>${html(name)}</h1>
<p class="sub">wants to access your Pleo account</p>
<strong>${html(name)} will be able to:</strong>
<ul class="scopes">
${scopes}
</ul>
<p class="sub" style="text-align:left;margin:0">By allowing access, you accept the app’s terms:</p>
<div class="links">
${links}
</div>
<div class="buttons">
<form method="post" action="${action('abort')}"><button class="secondary" type="submit">Cancel</button></form>
<form method="post" action="${action('confirm')}"><button class="primary" type="submit">Allow access</button></form>
</div>
<p class="small">Only allow access to apps you trust.</p>`,
  );
}

/** An error the server must not redirect (an unregistered redirect URI): shown, with the explanation. */
export function errorPage(error: string, description: string | undefined, explanation: string | undefined): string {
  return page(
    'Request refused',
    `<h1>Request refused</h1>
<p class="sub"><code class="error">${html(error)}</code></p>
${description ? `<p class="description">${html(description)}</p>` : ''}
${explanation ? `<p class="explanation">${html(explanation)}</p>` : ''}
<p class="small">The app is not sent back: the redirect URI it gave cannot be trusted.</p>`,
  );
}
