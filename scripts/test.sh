#!/usr/bin/env bash
# The one test command (README, .ci/run): lint, build, type checks, and every package's tests.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
ensure_dependencies

echo "==> lint";       pnpm run lint
# Build before type-checking: the server's tests type-check against the sandbox's published types.
echo "==> build";      pnpm run build
echo "==> typecheck";  pnpm run typecheck
echo "==> tests";      pnpm run test:packages
