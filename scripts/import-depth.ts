// `node --import tsx scripts/import-depth.ts [entry] [--within folder]`: how deep the renderer's own imports go.
// Prints two figures: the longest chain of relative imports from the entry (default
// renderer/main.tsx) with no file repeated, and that chain; and the deepest folder nesting of a
// file reached from the entry. Packages (bare specifiers) and type-only imports count the same
// as value imports: both tie one folder to another.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const entry = resolve(
  root,
  process.argv[2]?.startsWith('--')
    ? 'renderer/main.tsx'
    : (process.argv[2] ?? 'renderer/main.tsx'),
);
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
// `--within renderer`: follow only imports that stay inside that folder (the renderer's own floors).
const withinAt = process.argv.indexOf('--within');
const within = withinAt > 0 ? resolve(root, process.argv[withinAt + 1] ?? 'renderer') : undefined;
const ENDINGS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return ENDINGS.map((e) => base + e).find((f) => existsSync(f) && !f.endsWith('/'));
}

const edges = new Map<string, string[]>();
function importsOf(file: string): string[] {
  let found = edges.get(file);
  if (found) return found;
  const text = readFileSync(file, 'utf8');
  found = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? '');
    if (target && /\.tsx?$/.test(target) && (!within || relative(within, target)[0] !== '.'))
      found.push(target);
  }
  edges.set(file, found);
  return found;
}

// Longest simple path from the entry: memoised on the DAG of strongly connected components is
// overkill here; a depth-first search that skips files on the current path is enough for a few
// hundred files, with the longest tail per file kept once that file's search has finished
// without meeting the current path.
const best = new Map<string, string[]>();
function longest(file: string, onPath: Set<string>): string[] {
  const known = best.get(file);
  if (known && !known.some((f) => onPath.has(f))) return known;
  onPath.add(file);
  let tail: string[] = [];
  for (const next of importsOf(file)) {
    if (onPath.has(next)) continue;
    const chain = longest(next, onPath);
    if (chain.length > tail.length) tail = chain;
  }
  onPath.delete(file);
  const chain = [file, ...tail];
  best.set(file, chain);
  return chain;
}

const chain = longest(entry, new Set());
const reached = [...edges.keys()];
const rendererFiles = reached.filter((f) => relative(root, f).startsWith('renderer/'));
const nesting = Math.max(...rendererFiles.map((f) => relative(root, f).split('/').length - 1));
console.log(`files reached from ${relative(root, entry)}: ${reached.length}`);
console.log(
  `longest chain of relative imports: ${chain.length - 1} imports (${chain.length} files)`,
);
for (const f of chain) console.log(`  ${relative(root, f)}`);
console.log(`deepest folder nesting of a renderer file reached: ${nesting}`);

// Floors: the fewest imports from the entry to each file (breadth first); the deepest file's floor
// is the renderer's import depth, exact and independent of search order.
const floor = new Map<string, number>([[entry, 0]]);
const queue = [entry];
for (const file of queue) {
  for (const next of importsOf(file)) {
    if (floor.has(next)) continue;
    floor.set(next, (floor.get(file) ?? 0) + 1);
    queue.push(next);
  }
}
const deepest = Math.max(...floor.values());
console.log(`import depth (fewest imports from the entry to the farthest file): ${deepest} floors`);
for (const [f, n] of floor) if (n === deepest) console.log(`  ${relative(root, f)}`);
