#!/usr/bin/env node
// Fails when modules under src/ import each other in a cycle (DESIGN.md: arrows point one way).
// Follows every relative `import`/`export … from`/`import()` of src/**/*.ts, type-only ones
// included (a type cycle is still a tangle of layers), and prints each cycle it finds.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** The relative imports of one file, resolved to .ts files. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found = new Set();
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) continue;
    const base = resolve(dirname(file), specifier);
    const candidate = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
    if (candidate) found.add(candidate);
  }
  return [...found];
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
export function findCycles(graph) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const indices = new Map();
  const low = new Map();
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

/** One path around a component, for the message: a → b → … → a. */
function pathAround(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const path = [start];
  const seen = new Set([start]);
  const walk = (node) => {
    for (const next of graph.get(node) ?? []) {
      if (next === start && path.length > 1) return true;
      if (!members.has(next) || seen.has(next)) continue;
      seen.add(next);
      path.push(next);
      if (walk(next)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return [...path, start];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = new Map();
  for (const file of files(src)) graph.set(file, importsOf(file));
  const cycles = findCycles(graph);
  const name = (file) => relative(root, file);
  if (cycles.length) {
    console.error(`check-cycles: ${cycles.length} import cycle(s) in src/:`);
    for (const component of cycles) console.error(`  ${pathAround(graph, component).map(name).join(' → ')}`);
    process.exit(1);
  }
  console.log(`check-cycles: no import cycle among ${graph.size} modules of src/`);
}
