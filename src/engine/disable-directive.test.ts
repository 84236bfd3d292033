import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import disableDirective from './disable-directive.js';
import schema from '../rules/schema.js';

const base = `client_name: Acme Books
client_uri: https://acme-books.io/
logo: ./logo.png
tos_uri: https://acme-books.io/terms
policy_uri: https://acme-books.io/privacy
contacts: [dev@acme-books.io]
initiation_uri: https://acme-books.io/connect
settings_uri: https://acme-books.io/settings
client_type: confidential
redirect_uris: [https://acme-books.io/cb]
scopes: [export-jobs:read]
`;

function lint(text: string) {
  return lintManifest(text, { file: 'pleo-client.yaml', rules: [schema, disableDirective] }).problems.map(
    (p) => `${p.range.line}:${p.range.column} ${p.severity} ${p.ruleId}/${p.messageId}`,
  );
}

describe('disable directives', () => {
  it('without a directive, the unknown keys are reported', () => {
    expect(lint(base + 'colour: blue\nsize: 3\n')).toEqual(['12:1 error schema/unknownKey', '13:1 error schema/unknownKey']);
  });

  it('disable-next-line with a reason silences exactly the problem on the next line', () => {
    const text = base + '# pleo-register-disable-next-line schema -- kept for the portal export\ncolour: blue\nsize: 3\n';
    expect(lint(text)).toEqual(['14:1 error schema/unknownKey']);
  });

  it('disable silences the rule in the whole file', () => {
    const text = '# pleo-register-disable schema -- a draft while the form is filled in\n' + base + 'colour: blue\nsize: 3\n';
    expect(lint(text)).toEqual([]);
  });

  it('accepts several rule ids, separated by commas or spaces', () => {
    const text = base + '# pleo-register-disable-next-line schema, yaml-syntax -- both\ncolour: blue\n';
    expect(lint(text)).toEqual(['12:1 warning disable-directive/unused']);
  });

  it('a directive without a reason silences nothing and is reported', () => {
    const text = base + '# pleo-register-disable-next-line schema\ncolour: blue\n';
    expect(lint(text)).toEqual(['12:1 warning disable-directive/missingReason', '13:1 error schema/unknownKey']);
  });

  it('a directive naming an unknown rule is reported, and its known rules still apply', () => {
    const text = base + '# pleo-register-disable-next-line schema, redirect-uri-http -- typo\ncolour: blue\n';
    expect(lint(text)).toEqual(['12:1 warning disable-directive/unknownRule']);
  });

  it('a directive that silences nothing is reported', () => {
    const text = base + '# pleo-register-disable-next-line schema -- nothing here\nx-colour: blue\n';
    expect(lint(text)).toEqual(['12:1 warning disable-directive/unused']);
  });

  it('a directive naming no rule is reported', () => {
    expect(lint(base + '# pleo-register-disable -- why\n')).toEqual(['12:1 warning disable-directive/noRule']);
  });

  it('an ordinary comment that mentions the directive name is not a directive', () => {
    expect(lint(base + '# see pleo-register-disable-next-line in the README\ncolour: blue\n')).toEqual(['13:1 error schema/unknownKey']);
  });

  it('the directive rule can itself be turned off', () => {
    const problems = lintManifest(base + '# pleo-register-disable-next-line schema\n', {
      file: 'x.yaml',
      rules: [schema, disableDirective],
      severities: { 'disable-directive': 'off' },
    }).problems;
    expect(problems).toEqual([]);
  });
});
