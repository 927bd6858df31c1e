// Crash safety of the notification intake (the crash test). The built server is started on a
// real SQLite file, a stream of genuine Pull notifications (20 in flight) is sent to it, and the process is killed
// with SIGKILL while they are in flight. Then:
//   - every notification that was answered result_code 0 is in the ledger (order paid, record kept);
//   - after a restart, re-sending the unanswered ones (as QIWI retries, pull §9.5) takes each exactly
//     once: one `paid` event per order, however many copies arrived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrder, tempDb, type TempDb, openSqliteLedger } from '../ledger/ledger-fixtures.js';
import {
  NOTIFICATION_PASSWORD,
  PRV_ID,
  postNotification,
  pullBody,
  pullCode,
  pullSignature,
} from '../ledger/qiwi-notifier.js';
import { ensureBuilt, startServer, type ServerProcess } from '../ledger/server-process.js';

const ORDERS = 150;
/** Notifications in flight at once: a steady stream, as QIWI's deliveries arrive, not one burst. */
const IN_FLIGHT = 20;
/**
 * SIGKILL once this many answers are in. With group commit a whole burst can be answered in one
 * event-loop turn, so the stream keeps IN_FLIGHT requests open at any moment: the kill always lands
 * with some in flight and the rest never sent before the restart.
 */
const KILL_AFTER = 40;

const ids = Array.from({ length: ORDERS }, (_, i) => `crash-${String(i).padStart(3, '0')}`);

function environment(databasePath: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_PATH: databasePath,
    QIWI_PROTOCOL: 'pull',
    QIWI_PRV_ID: PRV_ID,
    QIWI_API_ID: '62573819',
    QIWI_API_PASSWORD: 'crash-test-api-password',
    QIWI_NOTIFICATION_PASSWORD: NOTIFICATION_PASSWORD,
    QIWI_NOTIFICATION_AUTH: 'signature',
    // Nothing may reach QIWI in this test: the reconciler is off and the API points at a closed port.
    QIWI_API_URL: 'http://127.0.0.1:9',
    RECONCILE_INTERVAL_SECONDS: '0',
    ORDER_TOKEN_SECRET: 'crash-test-order-token-secret-0123456789',
    STATUS_TOKEN_SECRET: 'crash-test-status-token-secret-0123456789',
    ADMIN_TOKEN: 'crash-test-admin-token-0123456789abcdef',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
}

type Outcome = { id: string; code: number } | { id: string; code: 'unanswered' };

describe('crash between receiving and answering notifications', () => {
  let db: TempDb;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    db = tempDb();
    const ledger = openSqliteLedger(db.path);
    for (const id of ids) {
      await ledger.placeOrder(newOrder({ id }));
      await ledger.applyStatus(id, { to: 'waiting', source: 'checkout', at: new Date().toISOString() });
    }
    await ledger.close();
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    db?.cleanup();
  });

  const send = async (url: string, id: string): Promise<Outcome> => {
    const body = pullBody({ bill_id: id });
    try {
      const answer = await postNotification(`${url}/v1/notifications/qiwi`, body, {
        'X-Api-Signature': pullSignature(body),
      });
      return { id, code: answer.status === 200 ? pullCode(answer) : -answer.status };
    } catch {
      return { id, code: 'unanswered' };
    }
  };

  it('keeps every acknowledged notification and takes every retried one exactly once', async () => {
    server = await startServer(environment(db.path));
    const first = server;
    let answered = 0;
    const queue = [...ids];
    const outcomes: Outcome[] = [];
    const lane = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const outcome = await send(first.url, id);
        if (outcome.code !== 'unanswered' && ++answered === KILL_AFTER) first.child.kill('SIGKILL');
        outcomes.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    expect(await first.exited).toBe('SIGKILL');

    const acknowledged = outcomes.filter((o) => o.code === 0).map((o) => o.id);
    const unacknowledged = outcomes.filter((o) => o.code !== 0).map((o) => o.id);
    // The kill really landed mid-stream: some were answered, some were not.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unacknowledged.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.code !== 0 && o.code !== 'unanswered')).toEqual([]);

    // Straight from the file the killed process left behind (WAL recovered on open).
    const afterCrash = openSqliteLedger(db.path);
    for (const id of acknowledged) {
      expect((await afterCrash.getOrder(id))?.status, id).toBe('paid');
      expect(await afterCrash.listNotifications({ orderId: id, limit: 5 }), id).toMatchObject([
        { verdict: 'accepted', resultCode: 0 },
      ]);
    }
    await afterCrash.close();

    // Restart on the same file; QIWI retries what it got no 0 for (and, to be harsh, one acknowledged).
    server = await startServer(environment(db.path));
    const retried = [...unacknowledged, ...acknowledged.slice(0, 1)];
    const retries = await Promise.all(retried.map((id) => send(server?.url ?? '', id)));
    expect(retries.filter((o) => o.code !== 0)).toEqual([]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const ledger = openSqliteLedger(db.path);
    try {
      for (const id of ids) {
        expect((await ledger.getOrder(id))?.status, id).toBe('paid');
        const paidEvents = (await ledger.listEvents(id)).filter((e) => e.to === 'paid');
        expect(paidEvents, id).toHaveLength(1);
        const records = await ledger.listNotifications({ orderId: id, limit: 10 });
        expect(
          records.filter((r) => r.verdict === 'accepted'),
          id,
        ).toHaveLength(1);
        expect(records.every((r) => r.resultCode === 0)).toBe(true);
      }
      expect(await ledger.listWebhooks({ limit: ORDERS * 2 })).toHaveLength(ORDERS);
      console.info(
        `crash test: ${acknowledged.length} of ${ORDERS} notifications answered 0 before the SIGKILL, every one in the ledger; ` +
          `${unacknowledged.length} unanswered, sent again after the restart with ${retried.length - unacknowledged.length} acknowledged repeat: ` +
          `${ORDERS} orders paid once each, ${ORDERS} webhooks`,
      );
    } finally {
      await ledger.close();
    }
  }, 120_000);
});
