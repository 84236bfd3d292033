// The scope completions of schemas/pleo-client.schema.json come from the scope catalogue,
// schemas/scopes.json: the first `anyOf` branch of a scope item lists every catalogued scope with
// its description, so editors offer them; the second branch accepts any other scope, which the
// linter's scope rules judge. `node scripts/schema-scopes.js` rewrites that branch from the
// catalogue; `--check` only reports whether it is current. src/schema/editor.test.ts checks it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemaFile = new URL('../schemas/pleo-client.schema.json', import.meta.url);
const catalogueFile = new URL('../schemas/scopes.json', import.meta.url);

const STATUS_NOTES = {
  documented: () => '',
  unverified: () => 'Unverified: seen only in Pleo\'s examples or third-party code; confirm it with Pleo before you register.',
  legacy: (entry, code) =>
    entry.replacement ? `Legacy: request ${code(entry.replacement)} instead.` : 'Legacy: no documented scope replaces it; ask Pleo which scope to request.',
  test: () => 'Pleo\'s Staging test scope: not for a production registration.',
};

/** One catalogue entry's completion text: its description, its API, and what its status means. */
function describe(entry, code) {
  const note = STATUS_NOTES[entry.status](entry, code);
  return `${entry.description}. ${entry.api} API.${note ? ` ${note}` : ''}`;
}

/** The `anyOf` branch that lists the catalogue's scopes, in the catalogue's order. */
export function scopeBranch(catalogue) {
  return {
    enum: catalogue.scopes.map((entry) => entry.scope),
    enumDescriptions: catalogue.scopes.map((entry) => describe(entry, (text) => `"${text}"`)),
    markdownEnumDescriptions: catalogue.scopes.map((entry) => describe(entry, (text) => `\`${text}\``)),
  };
}

export function readCatalogue() {
  return JSON.parse(readFileSync(catalogueFile, 'utf8'));
}

export function readSchema() {
  return JSON.parse(readFileSync(schemaFile, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schema = readSchema();
  const branches = schema.properties.scopes.items.anyOf;
  const current = JSON.stringify(branches[0]);
  branches[0] = scopeBranch(readCatalogue());
  if (process.argv.includes('--check')) {
    if (JSON.stringify(branches[0]) !== current) {
      process.stderr.write('schemas/pleo-client.schema.json lists other scopes than schemas/scopes.json; run node scripts/schema-scopes.js\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
  }
}
