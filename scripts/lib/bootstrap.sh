# Sourced by the top-level scripts: makes a fresh machine with only Node 20 and npm ready to build.
# - pnpm at the exact version pinned in package.json, installed into .tools/ (never global, never corepack:
#   corepack's signature check fails on these machines);
# - better-sqlite3 compiles from source against the Node headers that ship in /usr/include/node;
# - workspace dependencies from the lockfile.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PNPM_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" = "$PNPM_VERSION" ]; then return; fi
  local tools="$ROOT/.tools"
  if [ "$("$tools/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    echo "==> installing pnpm $PNPM_VERSION into .tools/"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
}

ensure_dependencies() {
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr
  fi
  echo "==> pnpm install"
  pnpm install --frozen-lockfile --reporter=append-only
}

cd "$ROOT"
ensure_pnpm

# The browser suite runs in Debian's Chromium: Playwright cannot download its own browser here.
ensure_chromium() {
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$browser" ]; then export CHROMIUM_PATH="$browser"; return; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "==> installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    export CHROMIUM_PATH=/usr/bin/chromium
    return
  fi
  echo "No Chromium found: install Debian's chromium package, or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
}
