#!/usr/bin/env node
// Lists, per language file in src/i18n/, the keys of en.ts it lacks (top level and errors):
// what a translator fills in after strings were added in English and French.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../src/i18n/', import.meta.url).pathname;
/** The keys a language file defines: `  key:` at two spaces (top level) and four (errors). */
function keys(file) {
  const text = readFileSync(join(dir, file), 'utf8');
  const top = new Set([...text.matchAll(/^ {2}'?([\w$-]+)'?:/gm)].map((m) => m[1]));
  const start = text.indexOf('errors: {');
  const errors = new Set([...text.slice(start).matchAll(/^ {4}'?([\w$-]+)'?:/gm)].map((m) => m[1]));
  return { top, errors };
}
const en = keys('en.ts');
let missingAny = false;
for (const file of readdirSync(dir).filter((name) => /^[a-z]{2}\.ts$/.test(name) && name !== 'en.ts')) {
  const own = keys(file);
  const missing = [...[...en.top].filter((key) => !own.top.has(key)), ...[...en.errors].filter((key) => !own.errors.has(key)).map((key) => `errors.${key}`)];
  if (missing.length) {
    missingAny = true;
    console.log(`${file}: ${missing.join(', ')}`);
  }
}
process.exit(missingAny ? 1 : 0);
