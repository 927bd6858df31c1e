#!/usr/bin/env bash
# The one test command (README, .ci/run): lint, build, type checks, every package's tests, and the
# browser suite.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"
ensure_dependencies

echo "==> lint";       pnpm run lint
# Build before type-checking: the server's tests type-check against the sandbox's published types.
echo "==> build";      pnpm run build
echo "==> typecheck";  pnpm run typecheck
echo "==> tests"
# The server's PostgreSQL adapter and multi-instance tests run against this one; stopped on any exit.
start_test_postgres
rm -f ./*/test-results/vitest.json
status=0
# vitest in each package, one package at a time; a JSON report per package feeds the closing line.
pnpm --no-bail --filter ./server --filter ./sandbox --filter ./widget --filter ./dashboard --workspace-concurrency=1 exec \
  vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
echo "==> browser tests (Playwright, Debian's Chromium)"
ensure_chromium
rm -f e2e/test-results/playwright.json
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json pnpm --filter @qiwi-pay/e2e exec playwright test --reporter=list,json || status=$?
node scripts/test-summary.mjs || status=1
stop_test_postgres
exit "$status"
