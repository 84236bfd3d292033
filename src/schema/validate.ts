import type { ErrorObject } from 'ajv/dist/2020.js';
import type { JsonPath } from '../diagnostics.js';
import { fromJsonPointer } from '../diagnostics.js';
import { loadShippedJson } from '../resources.js';

export interface SchemaFinding {
  keyword: string;
  path: JsonPath;
  params: Record<string, unknown>;
}

interface SchemaNode {
  description?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

import { listLimits, validate } from './manifest-validator.generated.js';

/** The schema's `maxItems` of each top-level list (redirect_uris, scopes, contacts). */
export const LIST_LIMITS: Readonly<Record<string, number>> = listLimits;

/** The manifest schema, as shipped. */
export function manifestSchema(): SchemaNode & { required: string[] } {
  return loadShippedJson('pleo-client.schema.json') as SchemaNode & { required: string[] };
}

/** Validates data against the manifest schema, with the validator compiled at build time. */
export function validateAgainstSchema(data: unknown): SchemaFinding[] {
  if (validate(data)) return [];
  return collapse((validate as unknown as { errors?: ErrorObject[] }).errors ?? []);
}

/** The schema node that describes `path` (list items share one), if any. */
export function schemaAt(path: JsonPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = manifestSchema();
  for (const segment of path) {
    node = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
  }
  return node;
}

function collapse(errors: readonly ErrorObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const base = fromJsonPointer(error.instancePath);
    let path = base;
    if (error.keyword === 'required') path = [...base, String(error.params.missingProperty)];
    if (error.keyword === 'additionalProperties') path = [...base, String(error.params.additionalProperty)];
    // `pkce` and `x-*` have no structure of their own; a type error under an `enum` repeats the enum error.
    const key = `${error.keyword === 'type' ? 'enum' : error.keyword}:${path.join('/')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ keyword: error.keyword, path, params: error.params as Record<string, unknown> });
  }
  return findings;
}
