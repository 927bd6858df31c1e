#!/usr/bin/env bash
# The one test command (README, .ci/run): lint, type checks, build, and every package's tests.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
ensure_dependencies

echo "==> lint";       pnpm run lint
echo "==> typecheck";  pnpm run typecheck
echo "==> build";      pnpm run build
echo "==> tests";      pnpm run test:packages
