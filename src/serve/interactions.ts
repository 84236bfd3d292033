import type { IncomingMessage, ServerResponse } from 'node:http';
import { consentPage, errorPage, PAGE_CSP, signInPage, TEST_ACCOUNT } from './pages.js';
import type { InteractionDetails, ProviderInstance } from './provider-types.js';
import type { ServeOptions } from './options.js';

type Note = (req: IncomingMessage, message: string) => void;

/**
 * The person's part of the flow, at the interaction URL oidc-provider sends the browser to: sign in
 * as the test user, then allow or cancel. oidc-provider keeps the interaction's state (in a cookie
 * and its store); this only shows the pages and hands back the result. `--auto-approve` signs in and
 * allows at once, for CI.
 */
export function configureInteractions(provider: ProviderInstance, options: ServeOptions, note: Note) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const match = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(path);
    const step = match?.[2];
    if (!match || (req.method === 'GET') === (step !== undefined) || (req.method !== 'GET' && req.method !== 'POST')) {
      return sendPage(res, 404, errorPage('not_found', 'No such page on this server.', undefined));
    }
    req.resume(); // the forms carry nothing but the step, which is in the path
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      note(req, 'no interaction in progress for this browser (its cookie is missing or expired); start again from the app');
      return sendPage(res, 400, errorPage('invalid_request', 'This sign-in expired, or the browser does not keep cookies. Start again from the app.', undefined));
    }
    if (details.uid !== match[1]) return sendPage(res, 400, errorPage('invalid_request', 'This page belongs to another sign-in. Start again from the app.', undefined));

    try {
      if (step === undefined && !options.autoApprove) {
        note(req, details.prompt.name === 'login' ? 'sign-in page shown' : 'consent page shown');
        return sendPage(res, 200, details.prompt.name === 'login' ? signInPage(details.uid, options.consent) : consentPage(details.uid, options.consent));
      }
      if (step === 'abort') {
        note(req, 'cancelled on the consent page');
        return await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user cancelled' }, { mergeWithLastSubmission: false });
      }
      if (step === 'login') {
        note(req, `signed in as ${TEST_ACCOUNT.name}`);
        return await provider.interactionFinished(req, res, { login: { accountId: TEST_ACCOUNT.id } }, { mergeWithLastSubmission: false });
      }
      // Allowed, or --auto-approve: sign in (when asked) and grant what was requested, in one step.
      const accountId = details.session?.accountId ?? TEST_ACCOUNT.id;
      const grantId = await grantRequested(provider, details, accountId);
      note(req, options.autoApprove && step === undefined ? 'auto-approved (--auto-approve)' : 'allowed on the consent page');
      const result = { ...(details.prompt.name === 'login' ? { login: { accountId } } : {}), consent: { grantId } };
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
    } catch (error) {
      note(req, `interaction failed: ${(error as Error).message}`);
      if (!res.headersSent) sendPage(res, 500, errorPage('server_error', 'The interaction failed.', undefined));
    }
  };
}

/** A grant of everything the request asks for and the registration allows (oidc-provider already refused the rest). */
async function grantRequested(provider: ProviderInstance, details: InteractionDetails, accountId: string): Promise<string> {
  const clientId = details.params.client_id!;
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const requested = details.params.scope;
  if (requested) grant.addOIDCScope(requested);
  const missing = details.prompt.details;
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}
