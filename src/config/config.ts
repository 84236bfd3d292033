import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { parseManifest, parseText, type ParsedManifest, type SyntaxFinding } from '../manifest/parse.js';
import { rulesById } from '../engine/rule-list.js';
import type { ScopeEntry, ScopeStatus } from '../scopes.js';
import { closest } from '../text/suggest.js';

export const CONFIG_NAMES = ['.pleo-register.yaml', '.pleo-register.yml'];

export interface Config {
  file: string;
  rules: Record<string, SeveritySetting>;
  scopes: ScopeEntry[];
}

/** A configuration file that cannot be used; the message starts with `file:line:column:`. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

const STATUSES: readonly ScopeStatus[] = ['documented', 'unverified', 'legacy', 'test'];
const SCOPE_KEYS = ['scope', 'status', 'api', 'description', 'replacement', 'source'];

/** Reads `.pleo-register.yaml`: rule severities and scope-catalogue extensions. Throws ConfigError. */
export function parseConfig(text: string, file: string): Config {
  return readConfig(parseText(text), file);
}

/**
 * The configuration file's bytes, loaded as a manifest is (size, encoding, nesting, aliases, entries):
 * it can arrive in the same pull request.
 */
export function parseConfigBytes(bytes: Uint8Array, file: string): Config {
  return readConfig(parseManifest(bytes), file);
}

function readConfig(parsed: ParsedManifest, file: string): Config {
  const at = (offset: number) => {
    const { line, col } = parsed.lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const fail = (node: unknown, message: string): never => {
    throw new ConfigError(`${at((node as YamlNode | null)?.range?.[0] ?? 0)}: ${message}`);
  };
  const config: Config = { file, rules: {}, scopes: [] };
  const [syntax] = parsed.syntax;
  if (syntax?.messageId === 'empty') return config;
  if (syntax) {
    const message = describeSyntax(syntax);
    throw new ConfigError(WHOLE_FILE.has(syntax.messageId) ? `${file}: ${message}` : `${at(syntax.start)}: ${message}`);
  }
  const doc = parsed.doc!;
  if (!isMap(doc.contents)) return fail(doc.contents, ROOT_NOT_MAPPING);

  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'rules') readRules(pair.value, config, fail);
    else if (key === 'scopes') readScopes(pair.value, config, fail);
    else fail(pair.key, `unknown key "${key}"${hint(key, ['rules', 'scopes'])}; a configuration has "rules" and "scopes"`);
  }
  return config;
}

const ROOT_NOT_MAPPING = 'the configuration must be a mapping with "rules" and/or "scopes"';
/** Findings about the file as a whole: they have no position worth naming. */
const WHOLE_FILE = new Set(['tooLarge', 'notUtf8']);

/** The loader's finding in a configuration's words; the limits come with it. */
function describeSyntax({ messageId, data }: SyntaxFinding): string {
  switch (messageId) {
    case 'tooLarge':
      return `the file is larger than ${data.limit} bytes, the most a configuration may be`;
    case 'notUtf8':
      return `the file is ${data.encoding}; save it as UTF-8`;
    case 'invalidUtf8':
      return `not valid UTF-8 (byte ${data.byte}); save it as UTF-8`;
    case 'nulByte':
    case 'controlCharacter':
      return `control character ${data.code}; a configuration is text`;
    case 'tooDeep':
      return `nested more than ${data.limit} levels deep`;
    case 'tooManyEntries':
      return `more than ${data.limit} lines and flow-collection items`;
    case 'aliasBomb':
      return `YAML aliases expand more than ${data.limit} times`;
    case 'multipleDocuments':
      return `${data.count} YAML documents; a configuration is one`;
    case 'rootNotMapping':
      return ROOT_NOT_MAPPING;
    default:
      return `not valid YAML: ${data.reason ?? messageId}`;
  }
}

type Fail = (node: unknown, message: string) => never;

function readRules(node: unknown, config: Config, fail: Fail): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) return fail(node, '"rules" must map rule ids to off, info, warning or error');
  for (const pair of node.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!rulesById.has(id)) fail(pair.key, `unknown rule "${id}"${hint(id, rulesById.keys())}; \`pleo-register rules\` lists them`);
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (!SEVERITY_SETTINGS.includes(value as SeveritySetting)) {
      fail(pair.value ?? pair.key, `rule "${id}": severity must be one of ${SEVERITY_SETTINGS.join(', ')}, found ${JSON.stringify(value ?? null)}`);
    }
    config.rules[id] = value as SeveritySetting;
  }
}

function readScopes(node: unknown, config: Config, fail: Fail): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isSeq(node)) return fail(node, '"scopes" must be a list of { scope, status } entries');
  for (const item of node.items) {
    if (!isMap(item)) fail(item, 'each scope must be a mapping such as { scope: expenses:read, status: documented }');
    const entry: Record<string, string> = {};
    for (const pair of (item as { items: unknown[] }).items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!SCOPE_KEYS.includes(key)) fail(pair.key, `unknown scope field "${key}"${hint(key, SCOPE_KEYS)}`);
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') fail(pair.value ?? pair.key, `scope field "${key}" must be a string`);
      entry[key] = (pair.value as { value: string }).value;
    }
    if (!entry.scope) fail(item, 'a scope entry needs "scope" (resource:permission)');
    if (!/^[a-z][a-z0-9-]*:(read|write)$/.test(entry.scope!)) fail(item, `scope "${entry.scope}" must be resource:permission, permission read or write`);
    if (!STATUSES.includes(entry.status as ScopeStatus)) {
      fail(item, `scope "${entry.scope}": status must be one of ${STATUSES.join(', ')}, found ${JSON.stringify(entry.status ?? null)}`);
    }
    config.scopes.push(entry as unknown as ScopeEntry);
  }
}

function hint(input: string, candidates: Iterable<string>): string {
  const guess = closest(input, candidates);
  return guess ? ` (did you mean "${guess}"?)` : '';
}
