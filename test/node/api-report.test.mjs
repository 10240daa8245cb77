// The public API is deliberate: the checked-in report (etc/visio-elements.api.md) must match what
// src/index.ts exports, so a change of the public surface shows as a diff of that file in review.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { generateReport, reportPath } from '../../scripts/api-report.mjs';

test('the API report matches the public surface of src/index.ts', () => {
  const { text, count } = generateReport();
  let checkedIn = '';
  try {
    checkedIn = readFileSync(reportPath, 'utf8');
  } catch {
    // Missing: reported below.
  }
  if (checkedIn !== text) {
    const changed = (lines) => new Set(lines.split('\n'));
    const before = changed(checkedIn);
    const after = changed(text);
    const diff = [
      ...[...before].filter((line) => !after.has(line)).map((line) => `- ${line}`),
      ...[...after].filter((line) => !before.has(line)).map((line) => `+ ${line}`),
    ].slice(0, 40);
    assert.fail(
      `${relative(process.cwd(), reportPath)} is stale: the public API changed.\n${diff.join('\n')}\n` +
        'If the change is intended, update the report with `npm run api:update` and commit it.',
    );
  }
  assert.ok(count > 0);
});

test('the main entry has named exports only: no `export *` in src/index.ts or src/core/index.ts', () => {
  for (const file of ['src/index.ts', 'src/core/index.ts']) {
    assert.doesNotMatch(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), /export\s*\*/, file);
  }
});
