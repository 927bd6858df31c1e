// A real SQLite ledger and a real QIWI client talking to a bills server on 127.0.0.1 (port 0), all on
// the test's clock: what the status poll and the reconciler both need.
import { createQiwiClient, type QiwiClient } from '../../src/qiwi/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import { openSqliteLedger, tempDb } from './ledger-fixtures.js';
import { startBillsServer, type BillsServer } from './qiwi-bills-server.js';

export interface LedgerWithQiwi {
  readonly ledger: Ledger;
  readonly qiwiServer: BillsServer;
  readonly qiwi: QiwiClient;
  close(): Promise<void>;
}

export async function startLedgerWithQiwi(clock: () => Date): Promise<LedgerWithQiwi> {
  const db = tempDb();
  const ledger = openSqliteLedger(db.path, { clock });
  const qiwiServer = await startBillsServer();
  const qiwi = createQiwiClient({
    protocol: 'pull',
    prvId: '2042',
    apiId: '62573819',
    apiPassword: 'api-password',
    baseUrl: qiwiServer.url,
    timeoutMs: 2_000,
    retry: { maxAttempts: 1 },
    now: clock,
  });
  return {
    ledger,
    qiwiServer,
    qiwi,
    async close() {
      await qiwiServer.close();
      await ledger.close();
      db.cleanup();
    },
  };
}
