#!/usr/bin/env node
// The public API report: every declaration the package's main entry ('visio-elements',
// src/index.ts) exports, as its emitted .d.ts text without comments or private members, plus the
// global maps it augments (tags, events). The report is checked in (etc/visio-elements.api.md) so
// that a change of the public surface shows as a diff in review; test/node/api-report.test.mjs
// fails when it is stale.
//
//   node scripts/api-report.mjs           writes etc/visio-elements.api.md
//   node scripts/api-report.mjs --check   exits 1 (with the diff) when the file is stale
//
// It emits the declarations itself with the TypeScript compiler API (tsconfig.build.json's
// options, into .cache/api-types), so it does not need `npm run build` first.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const reportPath = join(root, 'etc/visio-elements.api.md');
const typesDir = join(root, '.cache/api-types');

/** Emits src/index.ts and what it imports as .d.ts files into `typesDir`. */
function emitDeclarations() {
  const configFile = join(root, 'tsconfig.build.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  rmSync(typesDir, { recursive: true, force: true });
  const program = ts.createProgram([join(root, 'src/index.ts')], {
    ...options,
    declaration: true,
    emitDeclarationOnly: true,
    declarationDir: typesDir,
    rootDir: join(root, 'src'),
    sourceMap: false,
    declarationMap: false,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  const emitted = program.emit();
  const errors = [...diagnostics, ...emitted.diagnostics];
  if (errors.length) {
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  }
  return join(typesDir, 'index.d.ts');
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** A declaration as the report shows it: printed without comments, private members left out. */
function show(node) {
  const file = node.getSourceFile();
  let statement = node;
  // A variable's text is its whole `declare const …` statement.
  if (ts.isVariableDeclaration(node)) statement = node.parent.parent;
  let text = printer.printNode(ts.EmitHint.Unspecified, statement, file);
  text = text
    .split('\n')
    .filter((line) => !/^\s+(private|#private)\b/.test(line) && !/^\s+#private;/.test(line))
    .join('\n');
  return text
    .replace(/^export declare /, '')
    .replace(/^export /, '')
    .replace(/^declare /, '');
}

export function generateReport() {
  const entry = emitDeclarations();
  const program = ts.createProgram([entry], { skipLibCheck: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry));
  const exported = checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name));
  const sections = [];
  const declaredHere = new Set();
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declarations = target.declarations ?? [];
    for (const declaration of declarations) declaredHere.add(declaration);
    const origin = declarations[0] ? relative(typesDir, declarations[0].getSourceFile().fileName).replace(/\.d\.ts$/, '.ts') : '?';
    const texts = declarations.map(show);
    const renamed = target.name !== symbol.name ? ` (declared as ${target.name})` : '';
    sections.push(`### ${symbol.name}${renamed}\n\n<sub>src/${origin}</sub>\n\n\`\`\`ts\n${texts.join('\n')}\n\`\`\``);
  }
  // The global maps the package augments: which tags and events TypeScript knows once it is imported.
  const globals = [];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(typesDir)) continue;
    for (const statement of file.statements) {
      if (ts.isModuleDeclaration(statement) && statement.flags & ts.NodeFlags.GlobalAugmentation)
        globals.push(printer.printNode(ts.EmitHint.Unspecified, statement, file));
    }
  }
  // Types that public declarations mention but the entry does not export (an embedder cannot name them).
  const exportedTargets = new Set(exported.map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol)));
  const unexported = new Map();
  const visit = (node, owner) => {
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const name = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      let symbol = checker.getSymbolAtLocation(name);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const declaration = symbol?.declarations?.[0];
      if (
        declaration &&
        declaration.getSourceFile().fileName.startsWith(typesDir) &&
        !exportedTargets.has(symbol) &&
        !ts.isTypeParameterDeclaration(declaration)
      ) {
        const key = symbol.name;
        if (!unexported.has(key)) unexported.set(key, new Set());
        unexported.get(key).add(owner);
      }
    }
    // Private members are not part of the surface.
    if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return;
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const declaration of target.declarations ?? []) visit(declaration, symbol.name);
  }
  const lines = [
    '# API report: visio-elements',
    '',
    '<!-- Generated by `node scripts/api-report.mjs` from the declarations of src/index.ts. Do not edit. -->',
    '',
    "The public surface of the main entry (`import … from 'visio-elements'`). Anything not listed here is internal",
    'and may change in any release. A change to this file is a change of the public API: review it as such.',
    '',
    `Exported declarations: ${exported.length}`,
    '',
    '## Referenced but not exported',
    '',
    unexported.size
      ? [...unexported]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, owners]) => `- \`${name}\` (in ${[...owners].sort().join(', ')})`)
          .join('\n')
      : 'None.',
    '',
    '## Global augmentations',
    '',
    '```ts',
    globals.join('\n'),
    '```',
    '',
    '## Exports',
    '',
    sections.join('\n\n'),
    '',
  ];
  return { text: lines.join('\n'), count: exported.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { text, count } = generateReport();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(reportPath, 'utf8');
    } catch {
      // No report yet: stale.
    }
    if (current !== text) {
      const fresh = join(root, '.cache/visio-elements.api.md');
      writeFileSync(fresh, text);
      console.error(`api-report: ${relative(root, reportPath)} is stale: the public API changed (new report in ${relative(root, fresh)}).`);
      console.error('Review the change, then update the report with: npm run api:update');
      process.exit(1);
    }
    console.log(`api-report: ${relative(root, reportPath)} is up to date (${count} exported declarations)`);
  } else {
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, text);
    console.log(`api-report: wrote ${relative(root, reportPath)} (${count} exported declarations)`);
  }
}
