// A real HTTP server on 127.0.0.1 that answers the way QIWI's REST API does, one scripted answer per
// request, and records what it received. Used to test the client over real sockets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Answer =
  | { readonly status?: number; readonly json: unknown }
  | { readonly status?: number; readonly xml: string }
  | {
      readonly status?: number;
      readonly text: string;
      readonly contentType?: string;
      readonly headers?: Record<string, string>;
    }
  | { readonly hang: true }
  | { readonly reset: true };

export interface StubServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  answer(...answers: Answer[]): void;
  /** Forgets scripted answers not used and requests received. */
  reset(): void;
  close(): Promise<void>;
}

export async function startStubServer(): Promise<StubServer> {
  const queue: Answer[] = [];
  const received: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = queue.shift() ?? { status: 500, text: 'no scripted answer' };
      if ('hang' in answer) return void hanging.add(res);
      if ('reset' in answer) return void req.socket.destroy();
      res.statusCode = answer.status ?? 200;
      if ('json' in answer) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer.json));
      } else if ('xml' in answer) {
        res.setHeader('content-type', 'text/xml');
        res.end(answer.xml);
      } else {
        res.setHeader('content-type', answer.contentType ?? 'text/html');
        for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
        res.end(answer.text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (...answers) => void queue.push(...answers),
    reset: () => {
      queue.length = 0;
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Pull/Bill 1.0.0 bill object as QIWI serialises it (pull-rest-api-2.1.md §6.1). */
export function billJson(overrides: Record<string, unknown> = {}) {
  return {
    bill_id: 'order-1001',
    amount: '250.00',
    ccy: 'RUB',
    status: 'waiting',
    error: 0,
    user: 'tel:+79001234567',
    comment: 'Order 1001',
    ...overrides,
  };
}

export function ok(member: 'bill' | 'refund', object: unknown): Answer {
  return { json: { response: { result_code: 0, [member]: object } } };
}

export function failure(resultCode: number, status = 200): Answer {
  return { status, json: { response: { result_code: resultCode, description: `code ${resultCode}` } } };
}
