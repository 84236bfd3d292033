import { stringify } from 'yaml';

/** What `pleo-register init` asks for; every field has a default. */
export interface InitAnswers {
  environment: 'production' | 'staging';
  client_name: string;
  client_uri: string;
  logo: string;
  tos_uri: string;
  policy_uri: string;
  contacts: string[];
  initiation_uri: string;
  settings_uri: string;
  client_type: 'confidential' | 'public';
  redirect_uris: string[];
  scopes: string[];
}

/** Defaults built around one domain, so a team edits a handful of values rather than every line. */
export function defaultAnswers(name: string, domain = 'your-company.example'): InitAnswers {
  const site = `https://${domain}`;
  const app = `https://app.${domain}`;
  return {
    environment: 'staging',
    client_name: name,
    client_uri: `${site}/`,
    logo: './brand/logo.png',
    tos_uri: `${site}/legal/terms`,
    policy_uri: `${site}/legal/privacy`,
    contacts: [`integrations@${domain}`],
    initiation_uri: `${app}/pleo/connect`,
    settings_uri: `${app}/pleo/settings`,
    client_type: 'confidential',
    redirect_uris: [`${app}/oauth/pleo/callback`],
    scopes: ['export-jobs:read', 'export-items:read'],
  };
}

/** The manifest text: the schema modeline, the three sections of Pleo's form, a comment per key. */
export function manifestText(answers: InitAnswers, schemaLocation: string): string {
  const value = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
  const list = (items: string[]) => items.map((item) => `  - ${value(item)}`).join('\n');
  return `# yaml-language-server: $schema=${schemaLocation}
# Checked by \`npx pleo-register lint\`; \`npx pleo-register rules\` explains each rule.

# Staging first; copy this file with production once Pleo approves the integration.
environment: ${answers.environment}

# Human-readable information, shown to users on Pleo's consent screen (no Pleo branding).
client_name: ${value(answers.client_name)}
client_uri: ${value(answers.client_uri)}
# Square, at least 512×512, PNG, JPEG or WebP: a path relative to this file, or an https:// URL.
logo: ${value(answers.logo)}
tos_uri: ${value(answers.tos_uri)}
policy_uri: ${value(answers.policy_uri)}
contacts:
${list(answers.contacts)}

# Pleo-specific integration information.
initiation_uri: ${value(answers.initiation_uri)}
settings_uri: ${value(answers.settings_uri)}

# Technical information. confidential: your server keeps the client secret; public: SPA, mobile, desktop.
client_type: ${answers.client_type}
redirect_uris:
${list(answers.redirect_uris)}
scopes:
${list(answers.scopes)}
pkce: S256
`;
}

