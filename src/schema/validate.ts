import type { ErrorObject } from 'ajv/dist/2020.js';
import type { JsonPath } from '../diagnostics.js';
import { fromJsonPointer } from '../diagnostics.js';

export interface SchemaFinding {
  keyword: string;
  path: JsonPath;
  params: Record<string, unknown>;
}

export interface SchemaNode {
  description?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

import { listLimits, validate } from './manifest-validator.generated.js';

export type SchemaDocument = SchemaNode & { required: string[] };

/** The manifest schema as the rules use it: the validator compiled at build time, and the document's words. */
export interface ManifestSchema {
  readonly document: SchemaDocument;
  /** The schema's `maxItems` of each top-level list (redirect_uris, scopes, contacts). */
  readonly listLimits: Readonly<Record<string, number>>;
  validate(data: unknown): SchemaFinding[];
  /** The schema node that describes `path` (list items share one), if any. */
  at(path: JsonPath): SchemaNode | undefined;
}

/** The schema of `document` (schemas/pleo-client.schema.json, which the caller reads). */
export function createManifestSchema(document: SchemaDocument): ManifestSchema {
  return {
    document,
    listLimits,
    validate(data) {
      if (validate(data)) return [];
      return collapse((validate as unknown as { errors?: ErrorObject[] }).errors ?? []);
    },
    at(path) {
      let node: SchemaNode | undefined = document;
      for (const segment of path) node = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
      return node;
    },
  };
}

function collapse(errors: readonly ErrorObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  // A value outside an enum also fails the enum's `type: string`; the enum's error, listing the values, is the one to report.
  const enums = new Set(errors.filter((error) => error.keyword === 'enum').map((error) => error.instancePath));
  for (const error of errors) {
    if (error.keyword === 'type' && enums.has(error.instancePath)) continue;
    const base = fromJsonPointer(error.instancePath);
    // The schema types pkce for editors; its values are pkce-s256's and the PKCE client-type rules' to judge.
    if (base[0] === 'pkce') continue;
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
