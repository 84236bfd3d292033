// Where a run's time goes: reads a V8 CPU profile (node --cpu-prof) and adds up the self time of
// its samples by where the code came from — Node's own start-up and each of its modules, garbage
// collection, and, through the bundle's source map, each source module of the bundle
// (src/rules/no-secrets.ts, node_modules/yaml/…). The profiler slows a run down, so the parts are
// read as shares, not as times.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `{ totalMs, parts: [{ part, ms, share }] }`, largest first. `bundles` maps a bundle's path to its
 * source map; samples before the first one under `entry` (a script's path) count as Node's start.
 */
export function summariseProfile(profileFile, { bundles = {}, entry } = {}) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  const maps = new Map();
  const mapFor = (url) => {
    const key = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!maps.has(key)) maps.set(key, bundles[key] ? new SourceMap(JSON.parse(readFileSync(bundles[key], 'utf8'))) : null);
    return maps.get(key);
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const underEntry = (id) => {
    for (let at = id; at !== undefined; at = parents.get(at)) if (entry && nodes.get(at).callFrame.url.endsWith(entry)) return true;
    return false;
  };
  const parts = new Map();
  let totalMs = 0;
  let started = !entry;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    started ||= underEntry(id);
    const part = started ? partOf(nodes.get(id).callFrame, mapFor) : `Node's start, before ${basename(entry)} runs`;
    parts.set(part, (parts.get(part) ?? 0) + ms);
  });
  const sorted = [...parts].sort((a, b) => b[1] - a[1]).map(([part, ms]) => ({ part, ms: round(ms), share: round((100 * ms) / totalMs) }));
  return { totalMs: round(totalMs), parts: sorted };
}

function partOf({ url, functionName, lineNumber, columnNumber }, mapFor) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)' || functionName === '(idle)') return 'Node and V8 outside JavaScript';
    return `native: ${functionName}`;
  }
  if (url.startsWith('node:')) return `Node: ${url.slice('node:'.length).replace(/^internal\//, '')}`;
  const map = mapFor(url);
  if (map) {
    const source = map.findEntry(lineNumber, columnNumber)?.originalSource;
    if (source) return moduleName(source);
  }
  return basename(url.startsWith('file:') ? fileURLToPath(url) : url);
}

/** `../src/rules/no-secrets.ts` → `src/rules/no-secrets.ts`; `…/node_modules/yaml/dist/parse/lexer.js` → `yaml (parse)`. */
function moduleName(source) {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/|lib\/|source\/)?([^/]+)?/.exec(source);
  if (inPackage) return inPackage[2] && !inPackage[2].includes('.') ? `${inPackage[1]} (${inPackage[2]})` : inPackage[1];
  const local = /(?:^|\/)(src\/.*)$/.exec(source);
  return local ? local[1] : source;
}

function round(n) {
  return Math.round(n * 10) / 10;
}
