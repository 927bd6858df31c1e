#!/usr/bin/env bash
# The demo: the QIWI sandbox, the qiwi-pay server (SQLite file) and a demo shop, wired together with
# embedded test-only defaults. Prints the URL to open; Ctrl-C stops everything.
# Ports: SANDBOX_PORT (8910), SERVER_PORT (8787), SHOP_PORT (5173).
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"

SANDBOX_PORT="${SANDBOX_PORT:-8910}"
SERVER_PORT="${SERVER_PORT:-8787}"
SHOP_PORT="${SHOP_PORT:-5173}"
# Before anything is installed or built: a port in use stops the demo with the variable that moves it.
node scripts/lib/check-ports.mjs SANDBOX_PORT="$SANDBOX_PORT" SERVER_PORT="$SERVER_PORT" SHOP_PORT="$SHOP_PORT"

ensure_dependencies
echo "==> build";  pnpm run build >/dev/null
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"
SERVER="http://127.0.0.1:$SERVER_PORT"
SHOP="http://127.0.0.1:$SHOP_PORT"
# Test-only values: the sandbox's built-in demo Pull account, and demo secrets for this machine only.
DEMO_ORDER_TOKEN_SECRET="demo-order-token-secret-for-this-machine-only"
mkdir -p .data

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "demo stopped"
}
trap stop INT TERM EXIT

node sandbox/dist/cli.js start --port "$SANDBOX_PORT" --notify-url "$SERVER/v1/notifications/qiwi" --quiet &
pids+=($!)

env QIWI_PROTOCOL=pull QIWI_PRV_ID=21379721 QIWI_API_ID=62573819 \
  QIWI_API_PASSWORD=KCVn0OGNdepwbrruSzvE QIWI_NOTIFICATION_PASSWORD=K3yForN0tify QIWI_NOTIFICATION_AUTH=basic \
  QIWI_API_URL="$SANDBOX" QIWI_WEBFORM_URL="$SANDBOX" QIWI_CHECKOUT_URL="$SANDBOX" \
  ORDER_TOKEN_SECRET="$DEMO_ORDER_TOKEN_SECRET" \
  STATUS_TOKEN_SECRET="demo-status-token-secret-for-this-machine-only" \
  ADMIN_TOKEN="demo-admin-token-for-this-machine-only-000" \
  ALLOWED_ORIGINS="$SHOP" DATABASE_PATH=.data/demo.sqlite PORT="$SERVER_PORT" LOG_LEVEL=warn \
  node server/dist/main.js &
pids+=($!)

QIWI_PAY_BACKEND_URL="$SERVER" DEMO_ORDER_TOKEN_SECRET="$DEMO_ORDER_TOKEN_SECRET" DEMO_SHOP_PORT="$SHOP_PORT" \
  WIDGET_FILE=widget/dist/qiwi-pay.js node sandbox/dist/demo-shop/main.js &
pids+=($!)

# Wait until all three answer (bounded: 10 s each).
node -e 'const wait = async (u) => { for (let i = 0; i < 100; i++) { try { if ((await fetch(u)).ok) return; } catch {} await new Promise((r) => setTimeout(r, 100)); } throw new Error(u + " did not start"); };
Promise.all(process.argv.slice(1).map(wait)).catch((e) => { console.error(e.message); process.exit(1); });' \
  "$SANDBOX/__sandbox/health" "$SERVER/healthz" "$SHOP/"
echo
echo "qiwi-pay demo is running:"
echo "  shop     $SHOP            <- open this"
echo "  server   $SERVER   (admin token: demo-admin-token-for-this-machine-only-000)"
echo "  sandbox  $SANDBOX/   (bills, notification attempts, pay / fail / expire by hand)"
echo
echo "Order tokens for this demo are signed with the test-only secret $DEMO_ORDER_TOKEN_SECRET; mint one with"
echo "  ORDER_TOKEN_SECRET=$DEMO_ORDER_TOKEN_SECRET node server/dist/cli.js mint-token --order-id order-1001 --amount 250.00 --phone +79161234567"
echo "Ctrl-C stops everything."
wait -n "${pids[@]}"
