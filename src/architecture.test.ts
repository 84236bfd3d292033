import { fileURLToPath } from 'node:url';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The layers of src/, highest first: a module may import from its own layer or any layer below it,
// never from one above, and no import cycle is allowed anywhere. Services (network, logo loading,
// files) sit at the bottom as types and adapters; the CLI and the library entry inject them.
const LAYERS: readonly (readonly string[])[] = [
  ['cli', 'index.ts', 'resources.ts', 'docs'],
  ['report', 'fix', 'preview', 'export', 'config', 'serve', 'check-request', 'init'],
  ['engine'],
  ['rules'],
  ['manifest', 'text', 'uri', 'secrets', 'schema', 'scopes.ts', 'logo', 'services'],
  ['diagnostics.ts', 'errors.ts'],
];

const room = (name: string) => (name.endsWith('.ts') ? `src/${name.replace('.', '\\.')}$` : `src/${name}/`);
const anyOf = (names: readonly string[]) => `^(${names.map(room).join('|')})`;

function layeringRules(): IForbiddenRuleType[] {
  const rules: IForbiddenRuleType[] = LAYERS.slice(1).map((layer, index) => ({
    name: 'upward-import',
    comment: `${layer.join(', ')} may not import from ${LAYERS.slice(0, index + 1).flat().join(', ')}`,
    severity: 'error',
    from: { path: anyOf(layer) },
    to: { path: anyOf(LAYERS.slice(0, index + 1).flat()) },
  }));
  // Reports are pure functions of the results and the rule metadata they are given.
  rules.push({ name: 'report-knows-no-rule', severity: 'error', from: { path: anyOf(['report']) }, to: { path: anyOf(['engine', 'rules']) } });
  rules.push({ name: 'no-cycle', severity: 'error', from: {}, to: { circular: true } });
  rules.push({ name: 'unplaced-module', comment: 'every module of src/ belongs to a layer', severity: 'error', from: { path: '^src/', pathNot: anyOf(LAYERS.flat()) }, to: {} });
  return rules;
}

/** The violations in the tree under `baseDir` (its src/), tests and test support left out, as "rule: from → to". */
async function violations(baseDir: string): Promise<string[]> {
  const result = await cruise(['src'], {
    baseDir,
    validate: true,
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$|^src/test-support/' },
    ruleSet: { forbidden: layeringRules() },
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result, got text');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import-graph/${name}/`, import.meta.url));

describe('the import graph of src/', () => {
  it('points only down its layers and has no cycle', async () => {
    expect(await violations(root)).toEqual([]);
  }, 30_000);

  it('would fail on one upward import', async () => {
    expect(await violations(fixture('upward'))).toEqual(['upward-import: src/rules/example.ts → src/engine/lint.ts']);
  });

  it('would fail on a cycle', async () => {
    const found = await violations(fixture('cycle'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-cycle: src\/engine\/(a|b)\.ts → src\/engine\/(a|b)\.ts$/);
  });

  it('resolves every import it judges (so a violation cannot hide behind an unresolved path)', async () => {
    const result = await cruise(['src'], { baseDir: root, tsPreCompilationDeps: true, exclude: { path: '\\.test\\.ts$|^src/test-support/' } });
    if (typeof result.output === 'string') throw new Error('expected a cruise result');
    const local = result.output.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve && d.module.startsWith('.')).map((d) => `${m.source} → ${d.module}`));
    expect(local).toEqual([]);
    expect(result.output.modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(100);
  }, 30_000);
});
