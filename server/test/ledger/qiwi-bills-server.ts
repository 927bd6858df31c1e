// A stateful stand-in for QIWI's bill and refund status endpoints on 127.0.0.1 (pull-rest-api-2.1.md
// §5.2, §5.5; the same paths under /api/v3/prv/bills for Bill Payments 1.0.0), answering by path with
// spec-shaped JSON envelopes (§4.4). Tests set what QIWI "knows" and read what it was asked.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BillsServer {
  readonly url: string;
  /** Bill objects by bill id (§6.1 fields), or a result code to answer with. */
  readonly bills: Map<string, Record<string, unknown> | number>;
  /** Refund objects by "billId/refundId" (§6.2 fields), or a result code. */
  readonly refunds: Map<string, Record<string, unknown> | number>;
  readonly requests: string[];
  close(): Promise<void>;
}

const BILL_PATH = /^\/api\/(?:v2\/prv\/[^/]+|v3\/prv)\/bills\/([^/]+)(?:\/refund\/([^/]+))?$/;

export async function startBillsServer(): Promise<BillsServer> {
  const bills = new Map<string, Record<string, unknown> | number>();
  const refunds = new Map<string, Record<string, unknown> | number>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push(`${req.method} ${path}`);
      const match = BILL_PATH.exec(path);
      const billId = decodeURIComponent(match?.[1] ?? '');
      const refundId = match?.[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const found = refundId === undefined ? bills.get(billId) : refunds.get(`${billId}/${refundId}`);
      const member = refundId === undefined ? 'bill' : 'refund';
      const code = found === undefined ? 210 : typeof found === 'number' ? found : 0;
      res.statusCode = code === 0 ? 200 : code === 210 ? 404 : code === 150 ? 401 : 500;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          response:
            code === 0
              ? { result_code: 0, [member]: found }
              : { result_code: code, description: `code ${code}` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bills,
    refunds,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function bill(billId: string, status: string, overrides: Record<string, unknown> = {}) {
  return {
    bill_id: billId,
    amount: '250.00',
    ccy: 'RUB',
    status,
    error: 0,
    user: 'tel:+79001234567',
    comment: 'Order 1001',
    ...overrides,
  };
}
