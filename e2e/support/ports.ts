// Fixed loopback ports for the e2e stack (overridable), so the browser's host-resolver rules, known at
// launch, point at the sandbox's https port.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const PORTS = {
  sandbox: port('E2E_SANDBOX_PORT', 18910),
  sandboxHttps: port('E2E_SANDBOX_HTTPS_PORT', 18443),
  server: port('E2E_SERVER_PORT', 18787),
  shop: port('E2E_SHOP_PORT', 15173),
  // A second server and shop on Bill Payments REST API 1.0.0.
  billServer: port('E2E_BILL_SERVER_PORT', 18788),
  billShop: port('E2E_BILL_SHOP_PORT', 15174),
  // The shop's webhook endpoint the Pull server delivers merchant events to.
  webhook: port('E2E_WEBHOOK_PORT', 18789),
};

export const URLS = {
  sandbox: `http://127.0.0.1:${PORTS.sandbox}`,
  server: `http://127.0.0.1:${PORTS.server}`,
  shop: `http://127.0.0.1:${PORTS.shop}`,
  billServer: `http://127.0.0.1:${PORTS.billServer}`,
  billShop: `http://127.0.0.1:${PORTS.billShop}`,
  webhook: `http://127.0.0.1:${PORTS.webhook}`,
};

export const ADMIN_TOKEN = 'e2e-admin-token-for-this-machine-only-0000';
export const ORDER_TOKEN_SECRET = 'e2e-order-token-secret-for-this-machine-only';
// A Standard Webhooks secret (whsec_ + base64 of 32 bytes) for the Pull server's merchant webhooks.
export const WEBHOOK_SECRET =
  'whsec_' + Buffer.from('e2e-webhook-key-for-this-machine-only-00').toString('base64');
