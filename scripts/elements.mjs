// The elements, read from the source tree: one folder per element under src/elements/<tag>/,
// whose <tag>.ts exports the class. The build makes one `define/<tag>.js` entry per folder from
// this list (see rollup.config.mjs), so a new element folder gets its entry with no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const elementsDir = join(root, 'src/elements');

/**
 * @returns {{ tag: string, className: string, file: string, uses: string[] }[]} every element,
 *   sorted by tag; `uses` lists the other elements its templates render (found in its folder's
 *   sources), which its define file defines too.
 */
export function listElements() {
  const tags = readdirSync(elementsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(elementsDir, entry.name, `${entry.name}.ts`)))
    .map((entry) => entry.name)
    .sort();
  return tags.map((tag) => {
    const file = join(elementsDir, tag, `${tag}.ts`);
    const source = readFileSync(file, 'utf8');
    const className = /export class (\w+) extends/.exec(source)?.[1];
    if (!className) throw new Error(`${file} exports no element class`);
    const folderSource = readdirSync(join(elementsDir, tag))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(elementsDir, tag, name), 'utf8'))
      .join('\n')
      // Tags opened in templates count; tags mentioned in comments do not.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const uses = [...new Set([...folderSource.matchAll(/<(visio-[a-z-]+)[\s>]/g)].map((m) => m[1]))]
      .filter((used) => used !== tag && tags.includes(used))
      .sort();
    return { tag, className, file, uses };
  });
}

const PREFIX = 'visio-define:';

/** The source of `define/<tag>.js`: define the element and the ones it renders, export the class. */
export function defineModuleSource({ tag, className, file, uses }) {
  return [
    `import { ${className} } from ${JSON.stringify(file)};`,
    ...uses.map((used) => `import ${JSON.stringify(PREFIX + used)};`),
    `${className}.define(${JSON.stringify(tag)});`,
    `export { ${className} };`,
  ].join('\n');
}

/** Its declaration file, relative to dist/types/define/. */
export function defineTypesSource({ tag, className }) {
  return [
    `export { ${className} } from '../elements/${tag}/${tag}.js';`,
    `import type { ${className} } from '../elements/${tag}/${tag}.js';`,
    `declare global {\n  interface HTMLElementTagNameMap {\n    '${tag}': ${className};\n  }\n}`,
    '',
  ].join('\n');
}

/**
 * Rollup plugin: the virtual modules `visio-define:<tag>`, and `defineInputs()` naming them
 * `define/<tag>` for rollup's `input`.
 */
export function defineEntries() {
  const elements = new Map(listElements().map((element) => [element.tag, element]));
  return {
    name: 'visio-define-entries',
    resolveId(id) {
      return id.startsWith(PREFIX) ? id : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const element = elements.get(id.slice(PREFIX.length));
      return element ? defineModuleSource(element) : null;
    },
  };
}

export function defineInputs() {
  return Object.fromEntries(listElements().map(({ tag }) => [`define/${tag}`, PREFIX + tag]));
}

// `node scripts/elements.mjs types`: writes dist/types/define/<tag>.d.ts after tsc.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'types') {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const dir = join(root, 'dist/types/define');
  mkdirSync(dir, { recursive: true });
  for (const element of listElements()) writeFileSync(join(dir, `${element.tag}.d.ts`), defineTypesSource(element));
}
