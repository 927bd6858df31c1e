// A bounded flood on loopback: forged notifications of 60 KB each from many addresses (so the
// per-source limit does not stop them and only the bounded record and its retention stand between
// them and the disk), with genuine notifications interleaved. Prints the ledger's growth per forged
// notification; asserts sizes and outcomes, never timing.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormBody, pullNotificationSignature } from '../../src/qiwi/index.js';
import { SECRETS, startStack, type Stack } from '../stack.js';

const FORGED = 600;
const GENUINE = 12;
const KEEP = 200;
const FORGED_BYTES = 60 * 1024;

const body = (billId: string, status = 'paid') =>
  new URLSearchParams({
    command: 'bill',
    bill_id: billId,
    status,
    error: '0',
    amount: '250.00',
    user: 'tel:+79001234567',
    prv_name: 'Test Shop',
    ccy: 'RUB',
    comment: 'x',
  }).toString();

function ledgerBytes(path: string): number {
  // Fold the WAL into the file first, so the figure is what stays on disk.
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(path).size;
}

async function post(stack: Stack, text: string, headers: Record<string, string>) {
  const response = await fetch(`${stack.url}/v1/notifications/qiwi`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: text,
  });
  return Number(/<result_code>(\d+)<\/result_code>/.exec(await response.text())?.[1]);
}

describe('notification flood (bounded, loopback)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { TRUST_PROXY: '1', REJECTED_NOTIFICATIONS_KEEP: String(KEEP), LOG_LEVEL: 'warn' },
    });
    for (let i = 0; i < GENUINE; i++)
      await stack.call('POST', '/v1/checkout', {
        body: { orderToken: stack.mint({ orderId: `flood-${i}`, phone: '+79001234567' }), flow: 'checkout' },
      });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('keeps the ledger bounded under forged posts and accepts every genuine notification', async () => {
    const before = ledgerBytes(stack.databasePath);
    const padding = 'x'.repeat(FORGED_BYTES);
    const genuineCodes: number[] = [];
    for (let i = 0; i < FORGED; i++) {
      // Each forged post from another address: the per-source limit never applies.
      const forged = `${body(`flood-${i % GENUINE}`, 'paid')}&pad=${padding}`;
      const source = `198.18.${Math.floor(i / 250)}.${i % 250}`;
      expect(await post(stack, forged, { 'x-forwarded-for': source, 'x-api-signature': 'AAAA' })).toBe(151);
      if (i % (FORGED / GENUINE) === 0) {
        const orderId = `flood-${genuineCodes.length}`;
        const genuine = body(orderId);
        genuineCodes.push(
          await post(stack, genuine, {
            'x-forwarded-for': '91.232.230.10',
            'x-api-signature': pullNotificationSignature(
              parseFormBody(genuine),
              SECRETS.notificationPassword,
            ),
          }),
        );
      }
    }
    const after = ledgerBytes(stack.databasePath);
    const kept = await stack.runtime.ledger.listNotifications({ verdict: 'rejected', limit: 500 });
    const orders = await Promise.all(
      Array.from({ length: GENUINE }, (_, i) => stack.runtime.ledger.getOrder(`flood-${i}`)),
    );
    const growth = after - before;
    console.log(
      `notification flood: ${FORGED} forged posts of ${FORGED_BYTES} bytes (${((FORGED * FORGED_BYTES) / 1e6).toFixed(1)} MB sent), ` +
        `${GENUINE} genuine interleaved; ledger ${before} -> ${after} bytes, growth ${growth} bytes, ` +
        `${(growth / FORGED).toFixed(0)} bytes per forged notification; rejected records kept: ${kept.length} (cap ${KEEP}); ` +
        `genuine answered 0: ${genuineCodes.filter((c) => c === 0).length}/${GENUINE}`,
    );
    expect(genuineCodes).toEqual(Array.from({ length: GENUINE }, () => 0));
    expect(orders.map((o) => o?.status)).toEqual(Array.from({ length: GENUINE }, () => 'paid'));
    expect(kept).toHaveLength(KEEP);
    expect(await stack.runtime.ledger.rejectionCounts()).toMatchObject([{ resultCode: 151, count: FORGED }]);
    // A forged post costs a bounded record, never its body: far below 1 KB each on average.
    expect(growth / FORGED).toBeLessThan(1024);
  });
});
