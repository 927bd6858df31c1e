// Fixed loopback ports for the e2e stack (overridable), so the browser's host-resolver rules, known at
// launch, point at the sandbox's https port.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const PORTS = {
  sandbox: port('E2E_SANDBOX_PORT', 18910),
  sandboxHttps: port('E2E_SANDBOX_HTTPS_PORT', 18443),
  server: port('E2E_SERVER_PORT', 18787),
  shop: port('E2E_SHOP_PORT', 15173),
};

export const URLS = {
  sandbox: `http://127.0.0.1:${PORTS.sandbox}`,
  server: `http://127.0.0.1:${PORTS.server}`,
  shop: `http://127.0.0.1:${PORTS.shop}`,
};

export const ADMIN_TOKEN = 'e2e-admin-token-for-this-machine-only-0000';
export const ORDER_TOKEN_SECRET = 'e2e-order-token-secret-for-this-machine-only';
