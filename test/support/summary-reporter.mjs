// Adds up passed and failed tests over every browser session and writes them to the file named
// by VISIO_TEST_SUMMARY, so scripts/test.mjs can total all runners.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A test file that could not load, or an error outside any test, counts as one failure.
        if (session.errors?.length) totals.failed += 1;
      }
      if (process.env.VISIO_TEST_SUMMARY) writeFileSync(process.env.VISIO_TEST_SUMMARY, JSON.stringify(totals));
    },
  };
}
