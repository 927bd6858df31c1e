// The whole backend as a merchant runs it, against a real QIWI side: the sandbox on 127.0.0.1, a real
// SQLite file in a temp folder, the real runtime listening on a free port. Every secret contains a
// canary string, so tests can prove none of them leaks.
import { mkdtempSync, rmSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from '@qiwi-pay/sandbox';
import { loadConfig } from '../src/config/config.js';
import { mintOrderToken, type MintOrderTokenInput } from '../src/checkout/order-token.js';
import { createRuntime, type Runtime } from '../src/runtime.js';

// Tests read JSON answers field by field; asserting on them is the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const CANARY = 'qiwi-canary-SECRET-4f9c2e7d1b';

export const SECRETS = {
  apiPassword: `${CANARY}-api-password`,
  notificationPassword: `${CANARY}-notification-password`,
  apiSecret: `${CANARY}-api-secret`,
  orderTokenSecret: `${CANARY}-order-token-secret`,
  statusTokenSecret: `${CANARY}-status-token-secret`,
  adminToken: `${CANARY}-admin-token-0123456789`,
  // Standard Webhooks secrets are whsec_ + base64 key bytes, so this one cannot carry the canary text.
  webhookSecret: 'whsec_' + Buffer.from(`${CANARY}-webhook-key`).toString('base64'),
};

export const PULL = { prvId: '21379721', apiId: '62573819' };
export const BILL = { prvId: '2042', apiId: '56603972' };
export const SHOP = 'http://127.0.0.1:5173';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Stack {
  readonly url: string;
  readonly sandboxUrl: string;
  readonly sandbox: Sandbox;
  readonly runtime: Runtime;
  /** Every log line the backend wrote. */
  readonly logs: string[];
  /** Every response body the backend sent to `call`. */
  readonly responses: string[];
  readonly databasePath: string;
  mint(order: Partial<MintOrderTokenInput> & { orderId: string }): string;
  /** Signs any claims as a shop backend could with a JWT library, bypassing mintOrderToken's checks. */
  sign(claims: Record<string, unknown>): string;
  /** fetch against the backend, JSON in and out. */
  call(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: Json; text: string }>;
  /** The sandbox's control API. */
  control(method: string, path: string, body?: unknown): Promise<Json>;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly protocol?: 'pull' | 'bill';
  readonly notificationAuth?: 'basic' | 'signature';
  readonly env?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const protocol = options.protocol ?? 'pull';
  const notificationAuth = options.notificationAuth ?? 'signature';
  const port = await freePort();
  const notifyUrl = `http://127.0.0.1:${port}/v1/notifications/qiwi`;
  const sandbox = createSandbox({
    timeFactor: 0.001,
    config: {
      demoAccounts: false,
      pull: [
        {
          prvId: PULL.prvId,
          projectName: 'Test Shop',
          api: [{ apiId: PULL.apiId, password: SECRETS.apiPassword }],
          notification: { url: notifyUrl, password: SECRETS.notificationPassword, auth: notificationAuth },
          currencies: ['RUB', 'USD'],
        },
      ],
      bill: [
        {
          prvId: BILL.prvId,
          apiId: BILL.apiId,
          apiSecret: SECRETS.apiSecret,
          notification: { url: notifyUrl },
          currencies: ['RUB', 'USD'],
        },
      ],
    },
  });
  const running = await sandbox.start({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-server-'));
  const databasePath = join(dir, 'ledger.sqlite');
  const publicKey = sandbox.config.bill[0]?.publicKey;
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'debug',
    DATABASE_PATH: databasePath,
    QIWI_PROTOCOL: protocol,
    QIWI_PRV_ID: protocol === 'pull' ? PULL.prvId : BILL.prvId,
    QIWI_API_ID: protocol === 'pull' ? PULL.apiId : BILL.apiId,
    ...(protocol === 'pull'
      ? {
          QIWI_API_PASSWORD: SECRETS.apiPassword,
          QIWI_NOTIFICATION_PASSWORD: SECRETS.notificationPassword,
          QIWI_NOTIFICATION_AUTH: notificationAuth,
        }
      : { QIWI_API_SECRET: SECRETS.apiSecret, ...(publicKey ? { QIWI_PUBLIC_KEY: publicKey } : {}) }),
    QIWI_API_URL: running.url,
    QIWI_WEBFORM_URL: running.url,
    QIWI_CHECKOUT_URL: running.url,
    QIWI_TIMEOUT_MS: '2000',
    ORDER_TOKEN_SECRET: SECRETS.orderTokenSecret,
    STATUS_TOKEN_SECRET: SECRETS.statusTokenSecret,
    ADMIN_TOKEN: SECRETS.adminToken,
    ALLOWED_ORIGINS: SHOP,
    RECONCILE_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  };
  const logs: string[] = [];
  const runtime = await createRuntime(loadConfig(env), {
    logDestination: { write: (line) => void logs.push(line) },
  });
  const { url } = await runtime.listen();

  const responses: string[] = [];
  const call: Stack['call'] = async (method, path, init = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    responses.push(text);
    return { status: response.status, body, text };
  };

  return {
    url,
    sandboxUrl: running.url,
    sandbox,
    runtime,
    logs,
    responses,
    databasePath,
    mint: (order) =>
      mintOrderToken(
        { amount: '250.00', currency: 'RUB', comment: `Order ${order.orderId}`, ...order },
        SECRETS.orderTokenSecret,
      ),
    sign: (claims) =>
      jwt.sign(claims, SECRETS.orderTokenSecret, { audience: 'qiwi-pay', expiresIn: 15 * 60 }),
    call,
    async control(method, path, body) {
      const response = await fetch(`${running.url}/__sandbox${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return text ? JSON.parse(text) : undefined;
    },
    async close() {
      await runtime.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns a truthy value (bounded: 5 s). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
