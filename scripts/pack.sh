#!/usr/bin/env bash
# Builds the three packages a merchant installs and packs each with plain `npm pack` into packs/:
#   qiwi-pay-server-<v>.tgz (bin qiwi-pay), qiwi-pay-widget-<v>.tgz, qiwi-pay-sandbox-<v>.tgz (bin qiwi-sandbox).
# The server's tarball carries the built dashboard (dist/dashboard/public), so no fourth package is needed.
# The tarballs install with npm into any folder; no pnpm and no clone needed there.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
ensure_dependencies >/dev/null
echo "==> build"
pnpm --filter @qiwi-pay/dashboard --filter @qiwi-pay/server --filter @qiwi-pay/widget --filter @qiwi-pay/sandbox run build >/dev/null
rm -rf packs && mkdir packs
for package in server widget sandbox; do
  (cd "$package" && npm pack --silent --pack-destination ../packs >/dev/null)
done
node scripts/check-packs.mjs packs
