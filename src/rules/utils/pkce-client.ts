import type { Severity } from '../../diagnostics.js';
import { defineRule, type PureRule, type RuleDocs } from '../define-rule.js';
import { pkceMethod } from '../pkce-s256.js';

export type PkceClientMessage = 'missing' | 'disabled';

export interface PkceClientRuleOptions {
  readonly id: string;
  readonly severity: Severity;
  /** The `client_type` the rule judges; manifests of any other type are left alone. */
  readonly clientType: 'public' | 'confidential';
  /** `missing`: pkce is not set; `disabled`: pkce says "no PKCE", shown as `{{found}}`. */
  readonly messages: Readonly<Record<PkceClientMessage, string>>;
  readonly docs: RuleDocs;
}

/** A rule that asks a client of one `client_type` to use PKCE: pkce-public-client, pkce-confidential-client. */
export function definePkceClientRule({ id, severity, clientType, messages, docs }: PkceClientRuleOptions): PureRule<PkceClientMessage> {
  return defineRule({
    id,
    severity,
    messages,
    docs,
    check(manifest, context) {
      const { data } = manifest;
      if (data.client_type !== clientType) return;
      // A value that is neither S256 nor "no PKCE" (plain, s256…) is pkce-s256's to report.
      if (pkceMethod(data.pkce) !== 'none') return;
      if (Object.hasOwn(data, 'pkce')) context.report({ messageId: 'disabled', path: ['pkce'], data: { found: data.pkce === null ? 'empty' : JSON.stringify(data.pkce) } });
      else context.report({ messageId: 'missing', path: ['client_type'] });
    },
  });
}
