// The status poll against a real HTTP server on 127.0.0.1 answering QIWI's JSON envelopes, a real QIWI
// client and a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger, newOrder } from '../../test/ledger/ledger-fixtures.js';
import { startLedgerWithQiwi, type LedgerWithQiwi } from '../../test/ledger/ledger-with-qiwi.js';
import { bill, type BillsServer } from '../../test/ledger/qiwi-bills-server.js';
import type { QiwiClient } from '../qiwi/index.js';
import { LAPSE_GRACE_MS, type Ledger, type Order } from '../ledger/index.js';
import { refreshIfStale } from './refresh-order.js';

describe('refreshIfStale', () => {
  let setup: LedgerWithQiwi;
  let ledger: Ledger;
  let qiwiServer: BillsServer;
  let qiwi: QiwiClient;
  let now: Date;
  const clock = () => now;
  const lifetime = '2025-01-01T12:00:00.000Z';

  beforeEach(async () => {
    now = new Date('2025-01-01T10:00:00Z');
    setup = await startLedgerWithQiwi(clock);
    ({ ledger, qiwiServer, qiwi } = setup);
  });
  afterEach(() => setup.close());

  const refresh = async (order: Order) => {
    const { logger, lines } = capturingLogger();
    const result = await refreshIfStale({ ledger, qiwi, logger, clock, staleAfterMs: 60_000 }, order);
    return { result, lines };
  };

  const webformOrder = async (id: string) =>
    (await ledger.placeOrder(newOrder({ id, flow: 'webform', lifetime }))).order;

  it('expires a web-form order QIWI has no bill for (210) once its lifetime and the grace have passed', async () => {
    const order = await webformOrder('lapsed-1');
    now = new Date(Date.parse(lifetime) + LAPSE_GRACE_MS + 1_000);
    const { result, lines } = await refresh(order);
    expect(qiwiServer.requests).toEqual(['GET /api/v2/prv/2042/bills/lapsed-1']);
    expect(result.status).toBe('expired');
    expect((await ledger.getOrder('lapsed-1'))?.status).toBe('expired');
    expect((await ledger.listEvents('lapsed-1')).at(-1)).toMatchObject({
      from: 'created',
      to: 'expired',
      source: 'poll',
      at: now.toISOString(),
      detail: 'QIWI has no bill and the lifetime passed',
    });
    expect((await ledger.listWebhooks({ orderId: 'lapsed-1', limit: 10 })).map((w) => w.type)).toEqual([
      'order.expired',
    ]);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it('keeps a web-form order created while QIWI has no bill, before the deadline and within the grace', async () => {
    const order = await webformOrder('early-1');
    const eventsBefore = await ledger.listEvents('early-1');
    for (const at of [Date.parse(lifetime) - 60_000, Date.parse(lifetime) + LAPSE_GRACE_MS]) {
      now = new Date(at);
      const { result, lines } = await refresh((await ledger.getOrder('early-1')) ?? order);
      expect(result.status).toBe('created');
      expect(result.lastCheckedAt).toBe(now.toISOString());
      expect(lines.filter((l) => l.level === 40)).toEqual([]);
    }
    expect(qiwiServer.requests).toHaveLength(2);
    expect((await ledger.getOrder('early-1'))?.status).toBe('created');
    expect(await ledger.listEvents('early-1')).toEqual(eventsBefore);
    expect(await ledger.listWebhooks({ orderId: 'early-1', limit: 10 })).toEqual([]);
  });

  it('does not expire on other QIWI errors, even past the deadline, and says so in the log', async () => {
    const order = await webformOrder('broken-1');
    qiwiServer.bills.set('broken-1', 300);
    now = new Date(Date.parse(lifetime) + LAPSE_GRACE_MS + 1_000);
    const { result, lines } = await refresh(order);
    expect(result.status).toBe('created');
    expect(lines.some((l) => l.level === 40 && l.code === 'qiwi_300')).toBe(true);
  });

  it('applies the status of a bill QIWI does hold, whatever the lifetime', async () => {
    const order = await webformOrder('paid-1');
    qiwiServer.bills.set('paid-1', bill('paid-1', 'paid'));
    now = new Date(Date.parse(lifetime) + LAPSE_GRACE_MS + 1_000);
    const { result } = await refresh(order);
    expect(result.status).toBe('paid');
    expect((await ledger.listEvents('paid-1')).at(-1)).toMatchObject({ to: 'paid', source: 'poll' });
  });

  it('does not apply a bill QIWI holds for another amount, even a kopeck apart', async () => {
    const order = (await ledger.placeOrder(newOrder({ id: 'odd-1', status: 'waiting' }))).order;
    qiwiServer.bills.set('odd-1', bill('odd-1', 'paid', { amount: '250.01' }));
    const { result } = await refresh(order);
    expect(result.status).toBe('waiting');
    expect((await ledger.getOrder('odd-1'))?.status).toBe('waiting');
    expect(await ledger.listEvents('odd-1')).toHaveLength(1);
  });
});
