// `npm run docs` builds the API reference next to the committed guide: typedoc's pages for the
// core, events and element classes, and the elements and error-code references from the source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { listElements, root } from '../../scripts/elements.mjs';

before(() => {
  const result = spawnSync('npm', ['run', '--silent', 'docs'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run docs failed:\n${result.stdout}\n${result.stderr}`);
});

test('typedoc documents the elements, the core and the events, with the guide as its front page', () => {
  for (const page of ['classes/VisioCallElement.html', 'classes/CallSession.html', 'classes/VisioErrorEvent.html', 'functions/endpointTokenSource.html']) {
    assert.ok(existsSync(join(root, 'docs/api', page)), page);
  }
  assert.match(readFileSync(join(root, 'docs/api/index.html'), 'utf8'), /The token endpoint/);
  assert.match(readFileSync(join(root, 'docs/api/classes/VisioCallElement.html'), 'utf8'), /toggleMicrophone/);
});

test('the elements reference has every element with its attributes, events, parts and CSS variables', () => {
  const reference = readFileSync(join(root, 'docs/api/elements.md'), 'utf8');
  for (const { tag } of listElements()) assert.match(reference, new RegExp(`## \`<${tag}>\``), tag);
  const call = reference.slice(reference.indexOf('## `<visio-call>`'), reference.indexOf('## `<visio-controls>`'));
  for (const expected of [
    '`token-endpoint` | `tokenEndpoint`',
    '`visio-leave-request`',
    '`::part(join-button)`',
    '`--visio-accent`',
    '`toggleCamera()`',
    '`setMicrophoneEnabled(enabled)`',
  ]) {
    assert.ok(call.includes(expected), expected);
  }
});

test('the error reference has every code with its English and French message', () => {
  const reference = readFileSync(join(root, 'docs/api/errors.md'), 'utf8');
  const codes = [...readFileSync(join(root, 'src/core/errors.ts'), 'utf8').matchAll(/^\s*'([a-z-]+)',$/gm)].map((m) => m[1]);
  assert.ok(codes.length >= 19);
  for (const code of codes) assert.match(reference, new RegExp(`\\| \`${code}\` \\| [^|]+ \\| [^|]+ \\| [^|]+ \\|`), code);
});
