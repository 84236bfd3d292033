import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript shared with `node scripts/schema-scopes.js`; typed below.
import * as shared from '../../scripts/schema-scopes.js';

// What an editor makes of schemas/pleo-client.schema.json: the real YAML language server (the one
// VS Code's YAML extension runs), spoken to over stdio as an editor would, with the schema named by
// the `# yaml-language-server: $schema=` modeline that `pleo-register fix` writes.

interface CatalogueEntry {
  scope: string;
  description: string;
}
interface ScopeBranch {
  enum: string[];
  enumDescriptions: string[];
  markdownEnumDescriptions: string[];
}
interface SchemaProperty {
  type?: string;
  description?: string;
  markdownDescription?: string;
  examples?: unknown[];
  items?: { anyOf?: [ScopeBranch, unknown] };
}

const scopesScript = shared as { scopeBranch(catalogue: { scopes: CatalogueEntry[] }): ScopeBranch };
const root = new URL('../../', import.meta.url);
const schemaUrl = new URL('schemas/pleo-client.schema.json', root);
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));
const catalogue = readJson(new URL('schemas/scopes.json', root)) as { scopes: CatalogueEntry[] };
const schema = readJson(schemaUrl) as { properties: Record<string, SchemaProperty> };
const scopes = catalogue.scopes.map((entry) => entry.scope);

/** A complete manifest; `scopes` and `pkce` are the lines the cases change. */
function manifest({ scopeLines = ['  - export-jobs:read'], pkce = 'S256' }: { scopeLines?: string[]; pkce?: string } = {}): string {
  return [
    `# yaml-language-server: $schema=${schemaUrl.href}`,
    'client_name: Acme Books',
    'client_uri: https://acme-books.io/',
    'logo: ./brand/logo.png',
    'tos_uri: https://acme-books.io/legal/terms',
    'policy_uri: https://acme-books.io/legal/privacy',
    'contacts:',
    '  - integrations@acme-books.io',
    'initiation_uri: https://app.acme-books.io/pleo/connect',
    'settings_uri: https://app.acme-books.io/pleo/settings',
    'client_type: confidential',
    'redirect_uris:',
    '  - https://app.acme-books.io/oauth/pleo/callback',
    'scopes:',
    ...scopeLines,
    `pkce: ${pkce}`,
    '',
  ].join('\n');
}

/** The 0-based number of the line of `text` that is `line`. */
function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  if (index < 0) throw new Error(`no line ${JSON.stringify(line)}`);
  return index;
}

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}
interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}
interface CompletionItem {
  label: string;
  documentation?: string | { kind: string; value: string };
}

const REQUEST_TIMEOUT_MS = 10_000;
const YAML_SETTINGS = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };

/** A minimal LSP client: JSON-RPC with Content-Length framing over the server's stdin and stdout. */
class LanguageClient {
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  private readonly diagnosticWaiters = new Map<string, (diagnostics: Diagnostic[]) => void>();
  readonly stderr: string[] = [];

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    child.on('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`the language server exited (${code ?? signal}): ${this.stderr.join('')}`));
      this.pending.clear();
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      this.pending.set(id, { resolve: (result) => settle(() => resolve(result as T)), reject: (error) => settle(() => reject(error)) });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Opens a document and resolves with the diagnostics the server publishes for it. */
  open(uri: string, text: string): Promise<Diagnostic[]> {
    const diagnostics = new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      this.diagnosticWaiters.set(uri, (published) => {
        clearTimeout(timer);
        resolve(published);
      });
    });
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return diagnostics;
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (!Number.isInteger(length)) throw new Error(`a message without Content-Length: ${this.buffer.subarray(0, headerEnd).toString()}`);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method) {
      // The server's own requests: its settings (asked for by section), anything else acknowledged.
      const result =
        message.method === 'workspace/configuration'
          ? (message.params as { items: { section?: string }[] }).items.map((item) => (item.section === 'yaml' ? YAML_SETTINGS : null))
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = message.params as { uri: string; diagnostics: Diagnostic[] };
      this.diagnosticWaiters.get(uri)?.(diagnostics);
      this.diagnosticWaiters.delete(uri);
    }
  }
}

const documentation = (item: CompletionItem): string => (typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? ''));
const hoverText = (hover: { contents: { value: string } } | null): string => hover?.contents.value ?? '';

describe('schemas/pleo-client.schema.json', () => {
  it('lists the scope catalogue, schemas/scopes.json, as it is (node scripts/schema-scopes.js rewrites the list)', () => {
    const branch = schema.properties.scopes?.items?.anyOf?.[0];
    expect(branch).toEqual(scopesScript.scopeBranch(catalogue));
    expect(branch?.enum).toEqual(scopes);
    // The second branch accepts any other scope: the linter, not the editor, judges it.
    expect(schema.properties.scopes?.items?.anyOf?.[1]).toBe(true);
  });

  it('gives every key a type, a description in Markdown and examples', () => {
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.type, key).toMatch(/^(string|array)$/);
      expect(property.description, key).toBeTruthy();
      expect(property.markdownDescription, key).toBeTruthy();
      expect(property.examples?.length, key).toBeGreaterThan(0);
    }
  });
});

describe('the schema in the YAML language server', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let client: LanguageClient;
  let documents = 0;
  const open = (text: string) => {
    const uri = new URL(`pleo-client-${++documents}.yaml`, root).href;
    return { uri, diagnostics: client.open(uri, text) };
  };

  beforeAll(async () => {
    child = spawn(process.execPath, [fileURLToPath(new URL('node_modules/yaml-language-server/bin/yaml-language-server', root)), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    client = new LanguageClient(child);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: {},
        },
      },
    });
    client.notify('initialized', {});
    // No SchemaStore catalogue: the test reads no network, only the schema the modeline names.
    client.notify('workspace/didChangeConfiguration', { settings: { yaml: YAML_SETTINGS } });
  }, 20_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    try {
      await Promise.race([client.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      client.notify('exit', null);
    } catch {
      // The server is killed below either way.
    }
    const killed = setTimeout(() => child?.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(killed);
  });

  it('completes a scope with every catalogued scope and its description', async () => {
    const text = manifest({ scopeLines: ['  - export-jobs:read', '  - '] });
    const { uri, diagnostics } = open(text);
    await diagnostics;
    const result = await client.request<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: lineOf(text, '  - '), character: 4 },
    });
    const items = Array.isArray(result) ? result : result.items;
    expect(items.map((item) => item.label).sort()).toEqual([...scopes].sort());
    expect(items).toHaveLength(catalogue.scopes.length);
    for (const entry of catalogue.scopes) {
      const item = items.find((candidate) => candidate.label === entry.scope);
      expect(documentation(item!), entry.scope).toContain(entry.description);
    }
  });

  it('shows a key\'s description, and a scope\'s, on hover', async () => {
    const text = manifest({ scopeLines: ['  - export-jobs:read', '  - export-items:read'] });
    const { uri, diagnostics } = open(text);
    await diagnostics;
    const pkce = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineOf(text, 'pkce: S256'), character: 1 },
    });
    expect(hoverText(pkce)).toContain(schema.properties.pkce?.markdownDescription);
    const scope = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineOf(text, '  - export-items:read'), character: 6 },
    });
    expect(hoverText(scope)).toContain(catalogue.scopes.find((entry) => entry.scope === 'export-items:read')?.description);
  });

  it('flags pkce: true, and nothing in a manifest with pkce: S256 and a scope the catalogue lacks', async () => {
    const flagged = manifest({ pkce: 'true' });
    const [bad, good] = await Promise.all([open(flagged).diagnostics, open(manifest({ scopeLines: ['  - export-jobs:read', '  - foo:read'] })).diagnostics]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((diagnostic) => diagnostic.range.start.line === lineOf(flagged, 'pkce: true')), JSON.stringify(bad)).toBe(true);
    expect(bad.map((diagnostic) => diagnostic.message).join('\n')).toContain('S256');
    // foo:read is no schema error: pleo-register's scope-known rule reports it.
    expect(good).toEqual([]);
  });
});
