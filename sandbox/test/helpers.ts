import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/index.js';
import { DEMO_BILL, DEMO_PULL, demoBillMerchant, demoPullMerchant } from '../src/config/demo-accounts.js';
import type { BillMerchantInput, PullMerchantInput } from '../src/config/schema.js';

// Test harness: a real sandbox on 127.0.0.1:0, driven with fetch; a real notification receiver.

export const PULL_AUTH = `Basic ${Buffer.from(`${DEMO_PULL.apiId}:${DEMO_PULL.apiPassword}`).toString('base64')}`;
export const BILL_AUTH = `Bearer ${DEMO_BILL.secretKey}`;
export const PRV = DEMO_PULL.prvId;

/** The demo Pull account with some settings changed (same prv_id, so it replaces the built-in one). */
export function demoPullWith(overrides: Partial<PullMerchantInput>, notifyUrl?: string): PullMerchantInput {
  const base = demoPullMerchant(notifyUrl);
  return { ...base, ...overrides, notification: { ...base.notification, ...overrides.notification } };
}

export function demoBillWith(overrides: Partial<BillMerchantInput>, notifyUrl?: string): BillMerchantInput {
  const base = demoBillMerchant(notifyUrl);
  return { ...base, ...overrides, notification: { ...base.notification, ...overrides.notification } };
}

export interface Harness {
  sandbox: Sandbox;
  url: string;
  httpsUrl?: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function startSandbox(options: SandboxOptions = {}, https = false): Promise<Harness> {
  const sandbox = createSandbox(options);
  const running = await sandbox.start({ port: 0, https });
  cleanups.push(() => sandbox.close());
  return { sandbox, url: running.url, httpsUrl: running.httpsUrl };
}

/** A future REST lifetime in Moscow wall time, `YYYY-MM-DDThh:mm:ss`. */
export function lifetimeIn(ms: number, from = Date.now()): string {
  return new Date(from + ms + 3 * 3_600_000).toISOString().slice(0, 19);
}

export const DAY = 86_400_000;

export function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

export function billBody(overrides: Record<string, string | undefined> = {}): string {
  const base: Record<string, string | undefined> = {
    user: 'tel:+79001234567',
    amount: '250.00',
    ccy: 'RUB',
    comment: 'Order 1001',
    lifetime: lifetimeIn(DAY),
    ...overrides,
  };
  return form(
    Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined)),
  );
}

export interface RestCall {
  status: number;
  contentType: string;
  text: string;
  json: {
    response: Record<string, unknown> & {
      result_code: number;
      bill?: Record<string, unknown>;
      refund?: Record<string, unknown>;
    };
  };
}

export async function call(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RestCall> {
  const response = await fetch(url, {
    method,
    body,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}),
      Accept: 'application/json',
      ...headers,
    },
  });
  const text = await response.text();
  let json: RestCall['json'];
  try {
    json = JSON.parse(text) as RestCall['json'];
  } catch {
    json = { response: { result_code: -1 } };
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

export function pull(
  h: Harness,
  billId: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
) {
  return call(`${h.url}/api/v2/prv/${PRV}/bills/${encodeURIComponent(billId)}`, method, body, {
    Authorization: PULL_AUTH,
    ...headers,
  });
}

export function pullRefund(h: Harness, billId: string, refundId: string, method: string, body?: string) {
  return call(`${h.url}/api/v2/prv/${PRV}/bills/${billId}/refund/${refundId}`, method, body, {
    Authorization: PULL_AUTH,
  });
}

export function billApi(
  h: Harness,
  path: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
) {
  return call(`${h.url}/api/v3/prv/bills/${path}`, method, body, { Authorization: BILL_AUTH, ...headers });
}

export async function control<T = Record<string, unknown>>(
  h: Pick<Harness, 'url'>,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Answer {
  status?: number;
  contentType?: string;
  body: string;
}

export const PULL_OK: Answer = {
  contentType: 'text/xml',
  body: '<?xml version="1.0"?>\n<result><result_code>0</result_code></result>',
};
export const BILL_OK: Answer = { contentType: 'application/json', body: '{"error":0}' };

/** A merchant notification endpoint: answers with `answers[i]` for the i-th request, then the last one. */
export async function startReceiver(answers: Answer[]): Promise<{
  url: string;
  received: ReceivedRequest[];
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)] ?? PULL_OK;
      res.writeHead(answer.status ?? 200, answer.contentType ? { 'Content-Type': answer.contentType } : {});
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    async waitFor(n, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until)
          throw new Error(`receiver got ${received.length} of ${n} requests in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** Polls a condition (bounded) — for state that settles after an asynchronous delivery. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
