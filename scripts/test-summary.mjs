// Adds up the vitest JSON reports of every package and the Playwright report of e2e/ and prints one plain closing line
// ("N passed, N failed, N skipped") for tools that read a run's last line.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const pkg of ['server', 'sandbox', 'widget', 'dashboard', 'e2e']) {
  const file = `${pkg}/test-results/vitest.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
// Playwright's JSON report (e2e): expected = passed, unexpected = failed.
const e2e = 'e2e/test-results/playwright.json';
if (existsSync(e2e)) {
  const { stats } = JSON.parse(readFileSync(e2e, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
