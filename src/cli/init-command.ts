import { access, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../errors.js';
import { defaultAnswers, manifestText, type InitAnswers } from '../init/template.js';
import { shippedCatalogue } from '../resources.js';
import type { ProcessIo } from './process-io.js';
import { schemaLocationFor } from './schema-location.js';

export interface InitOptions {
  file?: string;
  yes: boolean;
  force: boolean;
}


/** `pleo-register init [file]`: asks (or, with --yes, takes the defaults) and writes a starter manifest. */
export async function runInit(options: InitOptions, version: string, io: ProcessIo & { stdin: NodeJS.ReadableStream & { isTTY?: boolean } }): Promise<number> {
  const path = resolve(io.cwd, options.file ?? 'pleo-client.yaml');
  if (!options.force && (await access(path).then(() => true, () => false))) {
    throw new UsageError(`'${options.file ?? 'pleo-client.yaml'}' already exists; pass --force to overwrite it`);
  }
  const defaults = defaultAnswers(titleCase(basename(io.cwd)));
  const answers = options.yes ? defaults : await ask(defaults, io);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, manifestText(answers, schemaLocationFor(dirname(path), version)));
  io.stderr.write(`Wrote ${relative(io.cwd, path) || path}. Add the logo at ${answers.logo}, then run: npx pleo-register lint ${relative(io.cwd, path)}\n`);
  return 0;
}


/**
 * The questions, one a line. On a terminal they are asked; otherwise the answers are read from stdin,
 * one a line (an empty line keeps the default), so the same flow can be scripted.
 */
async function ask(defaults: InitAnswers, io: ProcessIo & { stdin: NodeJS.ReadableStream & { isTTY?: boolean } }): Promise<InitAnswers> {
  const terminal = io.stdin.isTTY === true;
  const rl = createInterface({ input: io.stdin, output: terminal ? (io.stderr as NodeJS.WritableStream) : undefined, terminal });
  const lines = terminal ? undefined : rl[Symbol.asyncIterator]();
  const question = async (text: string, fallback: string): Promise<string> => {
    let answer: string;
    if (lines) {
      io.stderr.write(`${text} [${fallback}]: `);
      const next = await lines.next();
      answer = next.done ? '' : String(next.value);
      io.stderr.write('\n');
    } else {
      answer = await rl.question(`${text} [${fallback}]: `);
    }
    return answer.trim() || fallback;
  };
  const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  try {
    const environment = await question('Environment (staging or production)', defaults.environment);
    const name = await question("Your application's name, as users see it", defaults.client_name);
    const site = await question('Home page (https://…)', defaults.client_uri);
    const origin = /^https:\/\/[^/]+/.exec(site)?.[0] ?? site.replace(/\/$/, '');
    // The rest of the defaults follow the home page's domain (acme-books.io → integrations@acme-books.io,
    // https://app.acme-books.io/pleo/connect …) rather than staying on the placeholder.
    const domain = /^https:\/\/(?:www\.)?([^/:?#]+)/i.exec(site)?.[1];
    const following = domain ? defaultAnswers(name, domain.toLowerCase()) : defaults;
    const tos = await question('Terms of service (https://…)', `${origin}/legal/terms`);
    const policy = await question('Privacy policy (https://…)', `${origin}/legal/privacy`);
    const contacts = listOf(await question('Contact e-mail addresses', following.contacts.join(', ')));
    const logo = await question('Logo (a path relative to the manifest, or https://…)', defaults.logo);
    const initiation = await question('Initiation URI: where users start connecting to Pleo', following.initiation_uri);
    const settings = await question("Settings URI: the integration's settings page", following.settings_uri);
    const clientType = await question('Client type (confidential: a server keeps the secret; public: SPA, mobile, desktop)', defaults.client_type);
    const redirects = listOf(await question('Redirect URIs', following.redirect_uris.join(', ')));
    const catalogue = [...shippedCatalogue().entries.values()].filter((entry) => entry.status === 'documented');
    io.stderr.write(`Scopes Pleo documents:\n${catalogue.map((entry, i) => `  ${String(i + 1).padStart(2)}. ${entry.scope.padEnd(20)} ${entry.description ?? ''}`).join('\n')}\n`);
    const chosen = listOf(await question('Scopes (numbers or names)', defaults.scopes.join(', ')));
    const scopes = chosen.map((item) => (/^\d+$/.test(item) ? catalogue[Number(item) - 1]?.scope ?? item : item));
    return {
      environment: environment === 'production' ? 'production' : 'staging',
      client_name: name,
      client_uri: site,
      logo,
      tos_uri: tos,
      policy_uri: policy,
      contacts,
      initiation_uri: initiation,
      settings_uri: settings,
      client_type: clientType === 'public' ? 'public' : 'confidential',
      redirect_uris: redirects,
      scopes,
    };
  } finally {
    rl.close();
  }
}

function titleCase(folder: string): string {
  const words = folder.split(/[-_.\s]+/).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  return name && !/pleo/i.test(name) ? name.slice(0, 40) : 'My Integration';
}
