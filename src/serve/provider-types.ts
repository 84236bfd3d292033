import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of oidc-provider (v9) the server uses, typed here because the package ships no types. */
export interface ProviderContext {
  method: string;
  path: string;
  querystring: string;
  req: IncomingMessage;
  set(name: string, value: string): void;
  type: string;
  body: unknown;
  oidc?: { params?: Record<string, unknown>; body?: Record<string, unknown>; route?: string; client?: { clientId: string } };
}

export interface OAuthError extends Error {
  error?: string;
  error_description?: string;
  error_detail?: string;
  status?: number;
}

export interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(indicator: string, scope: string): void;
  save(): Promise<string>;
}

export interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
  params: Record<string, string | undefined>;
  session?: { accountId?: string };
  grantId?: string;
}

export interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: string, listener: (ctx: ProviderContext, error?: OAuthError) => void): void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): GrantInstance; find(id: string): Promise<GrantInstance | undefined> };
}

type ErrorClass<A extends unknown[] = [string?]> = new (...args: A) => OAuthError;

export interface ProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;
  errors: {
    InvalidRequest: ErrorClass;
    InvalidScope: ErrorClass<[string, string?]>;
    InvalidClient: ErrorClass;
    InvalidRedirectUri: ErrorClass<[]>;
    UnsupportedResponseType: ErrorClass;
  };
}
