// When the SQLite ledger's writer thread crashes, the server says so instead of failing quietly: QIWI is
// told to retry (result code 13, nothing acknowledged that is not stored), /readyz answers 503 so the
// instance is taken out of rotation, and one fatal log line names the fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { openSqliteLedgerThread } from '../../src/store/sqlite/ledger-writer-thread.js';
import { tempDb, type TempDb } from '../ledger/ledger-fixtures.js';
import {
  NOTIFICATION_PASSWORD,
  PRV_ID,
  postNotification,
  pullBody,
  pullCode,
  pullSignature,
} from '../ledger/qiwi-notifier.js';

describe('a server whose ledger writer thread has crashed', () => {
  let db: TempDb;
  let runtime: Runtime;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    db = tempDb();
    // A real ledger file first, so the reads work; then a server whose writer crashes on its first write.
    await (await openSqliteLedgerThread(db.path)).close();
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_PATH: db.path,
      QIWI_PROTOCOL: 'pull',
      QIWI_PRV_ID: PRV_ID,
      QIWI_API_ID: '62573819',
      QIWI_API_PASSWORD: 'writer-down-api-password',
      QIWI_NOTIFICATION_PASSWORD: NOTIFICATION_PASSWORD,
      QIWI_NOTIFICATION_AUTH: 'signature',
      QIWI_API_URL: 'http://127.0.0.1:9',
      RECONCILE_INTERVAL_SECONDS: '0',
      ORDER_TOKEN_SECRET: 'writer-down-order-token-secret-0123456789',
      STATUS_TOKEN_SECRET: 'writer-down-status-token-secret-0123456789',
      ADMIN_TOKEN: 'writer-down-admin-token-0123456789abcdef',
    });
    runtime = await createRuntime(config, {
      logDestination: { write: (line) => void logs.push(line) },
      ledgerWriterUrl: new URL('../ledger/failing-writer-worker.ts', import.meta.url),
    });
    url = (await runtime.listen()).url;
  });
  afterAll(async () => {
    await runtime?.close();
    db?.cleanup();
  });

  it('asks QIWI to retry, turns not ready, and says so once in the log', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const body = pullBody({ bill_id: 'order-1001' });
    const answer = await postNotification(`${url}/v1/notifications/qiwi`, body, {
      'X-Api-Signature': pullSignature(body),
    });
    expect(answer.status).toBe(200);
    expect(pullCode(answer)).toBe(13);

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false });

    const fatal = logs
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.msg).toBe('the ledger can no longer write; restart the server');
  });
});
