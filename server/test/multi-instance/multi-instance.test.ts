// Three server processes on one PostgreSQL ledger, in front of the QIWI sandbox (issue 12 item 4).
// Orders are checked out round-robin (a few at two instances at once), the sandbox settles every bill
// paid or rejected, and the notifications QIWI would send — each in several copies — are spread over
// the three instances concurrently; one instance is SIGKILLed mid-stream and restarted, and what it
// left unanswered is sent again (QIWI retries, pull §9.5). Afterwards:
//   - the ledger holds exactly the sandbox's bills, each with the sandbox's status;
//   - each final status has exactly one webhook event id, and the merchant endpoint got each;
//   - every notification answered result code 0 is in the ledger.
// Bounded: 48 orders, 3 copies each, loopback only, every wait capped.
import { createSandbox, type Sandbox } from '@qiwi-pay/sandbox';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintOrderToken } from '../../src/checkout/order-token.js';
import { createTestSchema, type TestSchema } from '../contract/postgres-schema.js';
import {
  NOTIFICATION_PASSWORD,
  PRV_ID,
  postNotification,
  pullBody,
  pullCode,
  pullSignature,
} from '../ledger/qiwi-notifier.js';
import { ensureBuilt, startServer, type ServerProcess } from '../ledger/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver.js';

const ORDERS = 48;
const COPIES = 3;
/** Orders checked out at two instances at once. */
const DOUBLE_CHECKOUTS = 8;
/** The victim is SIGKILLed once this many notification answers are in. */
const KILL_AFTER = 40;
const API_ID = '62573819';
const API_PASSWORD = 'multi-instance-api-password';
const ORDER_TOKEN_SECRET = 'multi-instance-order-token-secret-0123456789';
const ADMIN_TOKEN = 'multi-instance-admin-token-0123456789abcdef';
const WEBHOOK_SECRET = 'whsec_' + Buffer.alloc(32, 'm').toString('base64');

const ids = Array.from({ length: ORDERS }, (_, i) => `mi-${String(i).padStart(3, '0')}`);
const finalStatus = (i: number) => (i % 4 === 3 ? 'rejected' : 'paid');

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('three instances on one PostgreSQL ledger', () => {
  let schema: TestSchema;
  let sandbox: Sandbox;
  let sandboxUrl: string;
  let receiver: WebhookReceiver;
  const servers: ServerProcess[] = [];

  const env = (instance: number): Record<string, string> => ({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: schema.url,
    DATABASE_POOL_SIZE: '5',
    INSTANCE_ID: `instance-${instance}`,
    QIWI_PROTOCOL: 'pull',
    QIWI_PRV_ID: PRV_ID,
    QIWI_API_ID: API_ID,
    QIWI_API_PASSWORD: API_PASSWORD,
    QIWI_NOTIFICATION_PASSWORD: NOTIFICATION_PASSWORD,
    QIWI_NOTIFICATION_AUTH: 'signature',
    QIWI_API_URL: sandboxUrl,
    QIWI_CHECKOUT_URL: sandboxUrl,
    QIWI_WEBFORM_URL: sandboxUrl,
    // Every instance runs the reconciler too: its claims keep them from asking about one order twice.
    RECONCILE_INTERVAL_SECONDS: '1',
    RECONCILE_STALE_SECONDS: '2',
    ORDER_TOKEN_SECRET,
    STATUS_TOKEN_SECRET: 'multi-instance-status-token-secret-0123456789',
    ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '100000',
    // Genuine notifications count against the reject limit while in flight; 144 at once from one
    // loopback address would meet it (429, which QIWI retries). This test is about instances, not limits.
    NOTIFICATION_REJECT_LIMIT_PER_MINUTE: '100000',
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET,
    WEBHOOK_TIMEOUT_MS: '2000',
    // A killed instance's claims pass to another after this.
    WEBHOOK_LEASE_SECONDS: '3',
  });

  beforeAll(async () => {
    ensureBuilt();
    schema = await createTestSchema();
    sandbox = createSandbox({
      config: {
        demoAccounts: false,
        pull: [
          {
            prvId: PRV_ID,
            projectName: 'Multi-instance shop',
            api: [{ apiId: API_ID, password: API_PASSWORD }],
            // The test plays QIWI's notifications itself, so it can spread and duplicate them.
            notification: { password: NOTIFICATION_PASSWORD, auth: 'signature' },
            currencies: ['RUB'],
          },
        ],
        bill: [],
      },
    });
    sandboxUrl = (await sandbox.start({ port: 0 })).url;
    receiver = await startWebhookReceiver();
    for (let i = 0; i < 3; i++) servers.push(await startServer(env(i), 30_000));
  }, 120_000);

  afterAll(async () => {
    for (const s of servers)
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    await receiver?.close();
    await sandbox?.close();
    await schema?.drop();
  }, 60_000);

  const checkout = async (server: ServerProcess, orderId: string) => {
    const orderToken = mintOrderToken(
      { orderId, amount: '250.00', currency: 'RUB', comment: `Order ${orderId}`, phone: '+79001234567' },
      ORDER_TOKEN_SECRET,
    );
    const response = await fetch(`${server.url}/v1/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderToken, flow: 'checkout' }),
    });
    return response.status;
  };

  const notify = async (server: ServerProcess, i: number): Promise<number | 'unanswered'> => {
    const body = pullBody({ bill_id: ids[i] as string, status: finalStatus(i), comment: `Order ${ids[i]}` });
    try {
      const answer = await postNotification(`${server.url}/v1/notifications/qiwi`, body, {
        'X-Api-Signature': pullSignature(body),
      });
      return answer.status === 200 ? pullCode(answer) : -answer.status;
    } catch {
      return 'unanswered';
    }
  };

  it('keeps the ledger equal to the sandbox, one webhook event per final status, every answered notification', async () => {
    // Checkout, round-robin; the first DOUBLE_CHECKOUTS orders at two instances at once.
    const statuses = await Promise.all(
      ids.flatMap((id, i) => [
        checkout(servers[i % 3] as ServerProcess, id),
        ...(i < DOUBLE_CHECKOUTS ? [checkout(servers[(i + 1) % 3] as ServerProcess, id)] : []),
      ]),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const control = async (path: string, body?: unknown) =>
      (await (
        await fetch(`${sandboxUrl}/__sandbox${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
      ).json()) as { bills: { billId: string; status: string }[] };
    expect((await control('/bills')).bills).toHaveLength(ORDERS);
    for (const [i, id] of ids.entries()) await control(`/bills/${id}/transition`, { status: finalStatus(i) });

    // Every notification in COPIES copies, spread over the instances, all at once; one instance dies.
    const sends = ids.flatMap((_, i) => Array.from({ length: COPIES }, (__, c) => ({ i, to: (i + c) % 3 })));
    const victim = servers[1] as ServerProcess;
    let answered = 0;
    let killed = false;
    const outcomes = await Promise.all(
      sends.map(async ({ i, to }) => {
        const code = await notify(servers[to] as ServerProcess, i);
        if (code !== 'unanswered' && ++answered === KILL_AFTER && !killed) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
        return { i, to, code };
      }),
    );
    await victim.exited;
    expect(killed).toBe(true);
    const unanswered = outcomes.filter((o) => o.code === 'unanswered');
    const answeredZero = outcomes.filter((o) => o.code === 0);
    // Every answer is 0 (taken); anything else is listed with its code.
    expect(outcomes.filter((o) => o.code !== 0 && o.code !== 'unanswered')).toEqual([]);

    // Restarted; QIWI sends again what was not answered.
    servers[1] = await startServer(env(1), 30_000);
    const retried = await Promise.all(
      unanswered.map((o) => notify(servers[(o.i + 2) % 3] as ServerProcess, o.i)),
    );
    expect(retried.every((code) => code === 0)).toBe(true);

    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    try {
      // Every event delivered (the killed instance's claims retried by another after the lease).
      await until('every webhook event delivered', async () => {
        const { rows } = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM webhook_outbox WHERE state <> 'delivered'",
        );
        return rows[0]?.n === 0 ? true : undefined;
      });
      const bills = (await control('/bills')).bills;
      const { rows: orders } = await db.query<{ id: string; status: string }>(
        'SELECT id, status FROM orders',
      );
      expect(new Map(orders.map((o) => [o.id, o.status]))).toEqual(
        new Map(bills.map((b) => [b.billId, b.status])),
      );
      expect(bills.filter((b) => b.status === 'paid')).toHaveLength(ORDERS - ORDERS / 4);

      const { rows: events } = await db.query<{ order_id: string; type: string; id: string }>(
        "SELECT order_id, type, id FROM webhook_outbox WHERE type LIKE 'order.%'",
      );
      expect(events.map((e) => e.order_id).sort()).toEqual([...ids].sort());
      for (const e of events) expect(e.type).toBe(`order.${finalStatus(ids.indexOf(e.order_id))}`);
      const { rows: moves } = await db.query<{ order_id: string; n: number }>(
        "SELECT order_id, count(*)::int AS n FROM order_events WHERE to_status IN ('paid','rejected') GROUP BY order_id",
      );
      expect(moves.every((m) => m.n === 1) && moves.length === ORDERS).toBe(true);
      // The merchant saw every event id (at least once: at-least-once delivery).
      const seen = new Set(receiver.received.map((r) => String(r.headers['webhook-id'])));
      for (const e of events) expect(seen.has(e.id)).toBe(true);

      // Every notification answered 0 is recorded.
      const { rows: recorded } = await db.query<{ bill_id: string; n: number }>(
        'SELECT bill_id, count(*)::int AS n FROM notifications GROUP BY bill_id',
      );
      const perBill = new Map(recorded.map((r) => [r.bill_id, r.n]));
      // (A copy cut off by the kill may be recorded too: at least, never fewer.)
      for (const [i, id] of ids.entries()) {
        const answeredForBill = [...answeredZero, ...unanswered].filter((o) => o.i === i).length;
        expect(perBill.get(id) ?? 0).toBeGreaterThanOrEqual(answeredForBill);
      }
      console.log(
        `multi-instance: ${ORDERS} orders (${DOUBLE_CHECKOUTS} checked out at two instances at once), ` +
          `${sends.length} notifications (${sends.length - ORDERS} duplicates) over 3 instances, ` +
          `instance 1 SIGKILLed after ${KILL_AFTER} answers: ${answeredZero.length} answered 0, ` +
          `${unanswered.length} unanswered and sent again after the restart; ` +
          `${events.length} order events, ${receiver.received.length} webhook requests for ${seen.size} event ids`,
      );
    } finally {
      await db.end();
    }
  }, 180_000);
});
