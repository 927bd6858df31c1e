// The outbox delivered to a real HTTP receiver on 127.0.0.1 that fails, hangs, then acknowledges.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  newOrder,
  silentLogger,
  tempDb,
  type TempDb,
  openSqliteLedger,
} from '../../test/ledger/ledger-fixtures.js';
import type { Ledger, WebhookPayload } from '../ledger/index.js';
import { createWebhookDispatcher } from './webhook-dispatcher.js';
import { verifyWebhook } from './webhook-signature.js';

const SECRET = 'whsec_' + Buffer.from('merchant-webhook-secret-0123456789').toString('base64');

interface Receiver {
  readonly url: string;
  readonly received: { headers: IncomingHttpHeaders; body: string }[];
  /** Per request: an HTTP status, or 'hang'. Default 200. */
  readonly script: (number | 'hang')[];
  close(): Promise<void>;
}

async function startReceiver(fallback: number | 'hang' = 200): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const script: Receiver['script'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? fallback;
      if (next === 'hang') return;
      res.statusCode = next;
      res.end(next === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/qiwi`,
    received,
    script,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhook dispatcher', () => {
  let db: TempDb;
  let ledger: Ledger;
  let receiver: Receiver;
  let now: Date;
  const clock = () => now;

  beforeEach(async () => {
    db = tempDb();
    now = new Date('2025-01-01T10:00:00Z');
    ledger = openSqliteLedger(db.path, { clock });
    receiver = await startReceiver();
    await ledger.placeOrder(newOrder());
    await ledger.applyStatus('order-1001', { to: 'paid', source: 'notification', at: now.toISOString() });
  });
  afterEach(async () => {
    await receiver.close();
    await ledger.close();
    db.cleanup();
  });

  it('retries with backoff through an error and a timeout until the receiver acknowledges', async () => {
    receiver.script.push(500, 'hang', 200);
    const dispatcher = createWebhookDispatcher({
      outbox: ledger,
      logger: silentLogger(),
      url: receiver.url,
      secrets: [SECRET],
      clock,
      random: () => 0,
      timeoutMs: 300,
    });
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    let [event] = await ledger.listWebhooks({ limit: 1 });
    expect(event).toMatchObject({ attempts: 1, lastError: 'merchant endpoint answered HTTP 500' });
    expect(event?.nextAttemptAt).toBe('2025-01-01T10:00:05.000Z');
    // Not due yet: nothing is sent.
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    now = new Date('2025-01-01T10:00:05Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    [event] = await ledger.listWebhooks({ limit: 1 });
    expect(event).toMatchObject({ attempts: 2, lastError: 'no answer within 300 ms' });
    expect(event?.nextAttemptAt).toBe('2025-01-01T10:00:15.000Z');
    now = new Date('2025-01-01T10:00:15Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    [event] = await ledger.listWebhooks({ limit: 1 });
    expect(event).toMatchObject({ attempts: 3, deliveredAt: '2025-01-01T10:00:15.000Z' });
    const deliveredAt = now;
    now = new Date('2025-01-02T10:00:00Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 0 });

    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2];
    expect(last?.headers['content-type']).toBe('application/json');
    // Every attempt carries the same event id; the timestamp is the attempt's own.
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([event?.id, event?.id, event?.id]);
    expect(last?.headers['webhook-timestamp']).toBe(String(Date.parse('2025-01-01T10:00:15Z') / 1000));
    const verified = verifyWebhook({
      secret: SECRET,
      headers: last?.headers ?? {},
      body: last?.body,
      now: deliveredAt,
    });
    expect(verified.id).toBe(event?.id);
    expect(verified.timestamp).toBe(Date.parse('2025-01-01T10:00:15Z') / 1000);
    expect(verified.payload).toEqual({
      type: 'order.paid',
      timestamp: '2025-01-01T10:00:00.000Z',
      data: { orderId: 'order-1001', status: 'paid', amount: '250.00', currency: 'RUB' },
    } satisfies WebhookPayload);
    expect(last?.body).not.toContain(SECRET);
  });

  it('treats a redirect as not acknowledged', async () => {
    receiver.script.push(302);
    const dispatcher = createWebhookDispatcher({
      outbox: ledger,
      logger: silentLogger(),
      url: receiver.url,
      secrets: [SECRET],
      clock,
    });
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
  });

  it('delivers in process through onEvent, acknowledged when it resolves', async () => {
    const seen: [WebhookPayload, string][] = [];
    let fail = true;
    const dispatcher = createWebhookDispatcher({
      outbox: ledger,
      logger: silentLogger(),
      clock,
      random: () => 0,
      onEvent: async (event, { id }) => {
        if (fail) throw new Error('merchant callback threw');
        seen.push([event, id]);
      },
    });
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect((await ledger.listWebhooks({ limit: 1 }))[0]?.lastError).toBe('merchant callback threw');
    fail = false;
    now = new Date('2025-01-01T11:00:00Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    const [event] = await ledger.listWebhooks({ limit: 1 });
    expect(seen.map(([e, id]) => [e.type, e.data.orderId, id])).toEqual([
      ['order.paid', 'order-1001', event?.id],
    ]);
  });

  it('never runs two passes at once, and the background loop stops cleanly', async () => {
    let calls = 0;
    const dispatcher = createWebhookDispatcher({
      outbox: ledger,
      logger: silentLogger(),
      clock,
      onEvent: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 50));
      },
    });
    const [a, b] = await Promise.all([dispatcher.deliverDue(), dispatcher.deliverDue()]);
    expect(a).toEqual({ delivered: 1, failed: 0 });
    expect(b).toBe(a);
    expect(calls).toBe(1);

    await ledger.applyStatus('order-1001', { to: 'paid', source: 'admin', at: now.toISOString() });
    await ledger.placeOrder(newOrder({ id: 'order-2' }));
    await ledger.applyStatus('order-2', { to: 'expired', source: 'reconciler', at: now.toISOString() });
    dispatcher.start(10);
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await dispatcher.stop();
    expect(calls).toBe(2);
  });

  it('refuses a url without a secret, and a secret that is not whsec_ base64', () => {
    expect(() =>
      createWebhookDispatcher({ outbox: ledger, logger: silentLogger(), url: receiver.url }),
    ).toThrow(/needs a secret.*WEBHOOK_SECRET/);
    expect(() =>
      createWebhookDispatcher({
        outbox: ledger,
        logger: silentLogger(),
        url: receiver.url,
        secrets: ['plain-secret'],
      }),
    ).toThrow(/must start with "whsec_"/);
  });

  it('keeps delivering to one endpoint while another hangs, each event to each endpoint', async () => {
    const slow = await startReceiver('hang');
    try {
      for (let i = 2; i <= 10; i++) {
        await ledger.placeOrder(newOrder({ id: `order-${i}` }));
        await ledger.applyStatus(`order-${i}`, { to: 'paid', source: 'notification', at: now.toISOString() });
      }
      const dispatcher = createWebhookDispatcher({
        outbox: ledger,
        logger: silentLogger(),
        urls: [slow.url, receiver.url],
        secrets: [SECRET],
        clock,
        concurrencyPerEndpoint: 1,
        timeoutMs: 60_000,
      });
      dispatcher.start(10);
      for (let i = 0; i < 500 && receiver.received.length < 10; i++)
        await new Promise((r) => setTimeout(r, 10));
      // Every event reached the fast endpoint while the slow one still holds its first request open.
      expect(receiver.received).toHaveLength(10);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(10);
      expect(slow.received).toHaveLength(1);
      // The slow endpoint's events stay pending (still claimed): delivered to one endpoint of two.
      expect(await ledger.listWebhooks({ state: 'delivered', limit: 20 })).toEqual([]);
      await slow.close();
      await dispatcher.stop();
      const [failed] = await ledger.listWebhooks({ state: 'pending', limit: 20 });
      expect(failed).toMatchObject({ attempts: 1, deliveredTo: [receiver.url], lastEndpoint: slow.url });
    } finally {
      await slow.close();
    }
  });

  it('ends a bounded schedule in the dead state, and a redelivered event starts again', async () => {
    receiver.script.push(500, 500);
    const dispatcher = createWebhookDispatcher({
      outbox: ledger,
      logger: silentLogger(),
      url: receiver.url,
      secrets: [SECRET],
      clock,
      random: () => 0,
      maxAttempts: 2,
    });
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    now = new Date('2025-01-01T10:10:00Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    const [dead] = await ledger.listWebhooks({ state: 'dead', limit: 5 });
    expect(dead).toMatchObject({ attempts: 2, lastError: 'merchant endpoint answered HTTP 500' });
    now = new Date('2025-01-02T10:00:00Z');
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect((await ledger.listWebhookAttempts(dead?.id ?? '')).map((a) => a.status)).toEqual([500, 500]);
    await ledger.requeueWebhook(dead?.id ?? '', now.toISOString());
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([dead?.id, dead?.id, dead?.id]);
  });
});
