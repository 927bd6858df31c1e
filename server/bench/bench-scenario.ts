// What each benchmarked endpoint sends. Orders made by the webform runs are paid by the notification
// runs (past the last one, notifications are duplicates) and read back by the status runs.
//
// The bodies of a run (an order token minted per checkout, a form per notification) are made before
// the run starts: the load generator shares the two cores with the servers, and minting during the
// run would charge the ledger endpoints with CPU the bare endpoint never pays. A run that outlasts its
// prepared bodies goes on making them as it sends.

import { createSecretKey } from 'node:crypto';
import { mintOrderToken } from '../src/checkout/order-token.js';
import { pullNotificationAuthorization } from '../src/qiwi/index.js';
import { load, type Figures } from './bench-load.js';

export const ENDPOINT_KEYS = ['bare', 'webform', 'checkout', 'notify', 'status'] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

const NAMES: Record<EndpointKey, string> = {
  bare: 'bare Express JSON endpoint',
  webform: 'POST /v1/checkout (webform)',
  checkout: 'POST /v1/checkout (checkout, sandbox)',
  notify: 'POST /v1/notifications/qiwi',
  status: 'GET /v1/orders/{id} (status token)',
};

// The sandbox's built-in demo Pull account (sandbox/README.md): test-only values.
export const DEMO = {
  prvId: '21379721',
  apiId: '62573819',
  apiPassword: 'KCVn0OGNdepwbrruSzvE',
  notificationPassword: 'K3yForN0tify',
};

/** Status tokens kept for the status runs: enough to spread reads, bounded in memory. */
const MAX_TOKENS = 20_000;
/** Bodies prepared per second of a run: above what the backend answers here, bounded in memory. */
const PREPARED_PER_SECOND = 6_000;

export function createScenario(opts: {
  bareUrl: string;
  backendUrl: string;
  orderSecret: string;
  seconds: number;
  /** Makes this run's order ids its own when several runs share one ledger. */
  tag: string;
}) {
  const { backendUrl } = opts;
  let n = 0;
  const webformIds: string[] = [];
  const tokens = new Map<string, string>();
  let nextToPay = 0;
  let notified = 0;
  const json = { 'content-type': 'application/json' };
  // Built once, so minting in the load generator takes as little of the shared CPU as it can.
  const orderKey = createSecretKey(Buffer.from(opts.orderSecret, 'utf8'));

  // An order of `flow` with a fresh id, and its request body.
  const newOrder = (flow: 'webform' | 'checkout') => {
    const orderId = `${flow === 'webform' ? 'w' : 'c'}${process.pid}${opts.tag}x${++n}`;
    const orderToken = mintOrderToken(
      {
        orderId,
        amount: '250.00',
        currency: 'RUB',
        comment: 'bench',
        ...(flow === 'checkout' ? { phone: '+79001234567' } : {}),
      },
      orderKey,
    );
    return { orderId, body: JSON.stringify({ orderToken, flow }) };
  };

  const keepToken = (status: number, body: string) => {
    if (status !== 200 || tokens.size >= MAX_TOKENS) return;
    const answer = JSON.parse(body) as { orderId: string; statusToken: string };
    tokens.set(answer.orderId, answer.statusToken);
  };

  const notificationBody = (billId: string) =>
    new URLSearchParams({
      command: 'bill',
      bill_id: billId,
      status: 'paid',
      error: '0',
      amount: '250.00',
      user: 'tel:+79001234567',
      prv_name: 'Demo Shop',
      ccy: 'RUB',
      comment: 'bench',
    }).toString();

  // The i-th item of a run, for the first PREPARED_PER_SECOND × seconds made before it starts.
  const prepared = <T>(seconds: number, make: (i: number) => T): (() => T) => {
    const items = Array.from({ length: PREPARED_PER_SECOND * seconds }, (_, i) => make(i));
    let next = 0;
    return () => {
      const i = next++;
      return items[i] ?? make(i);
    };
  };
  const paidReads = () => {
    const paid = new Set(webformIds.slice(0, Math.min(nextToPay, webformIds.length)));
    return [...tokens].filter(([id]) => paid.has(id));
  };

  async function run(key: EndpointKey, connections: number, seconds = opts.seconds): Promise<Figures> {
    const t = seconds;
    switch (key) {
      case 'bare':
        return load(NAMES.bare, connections, t, {
          url: `${opts.bareUrl}/bare`,
          method: 'POST',
          headers: json,
          body: JSON.stringify({ n: 1 }),
        });
      case 'webform': {
        const order = prepared(t, () => newOrder('webform'));
        const body = () => {
          const { orderId, body } = order();
          webformIds.push(orderId);
          return body;
        };
        return load(NAMES.webform, connections, t, {
          url: `${backendUrl}/v1/checkout`,
          method: 'POST',
          headers: json,
          requests: [{ setupRequest: (req) => ({ ...req, body: body() }), onResponse: keepToken }],
        });
      }
      case 'checkout': {
        const order = prepared(t, () => newOrder('checkout'));
        const body = () => order().body;
        return load(NAMES.checkout, connections, t, {
          url: `${backendUrl}/v1/checkout`,
          method: 'POST',
          headers: json,
          requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
        });
      }
      case 'notify': {
        // Each request pays the next order from the webform runs; past the last one they are duplicates.
        const from = nextToPay;
        const form = prepared(t, (i) =>
          notificationBody(webformIds[(from + i) % Math.max(webformIds.length, 1)] ?? 'none'),
        );
        const body = () => {
          notified++;
          nextToPay++;
          return form();
        };
        return load(NAMES.notify, connections, t, {
          url: `${backendUrl}/v1/notifications/qiwi`,
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: pullNotificationAuthorization(DEMO.prvId, DEMO.notificationPassword),
          },
          requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
        });
      }
      case 'status': {
        const reads = paidReads();
        let i = 0;
        return load(NAMES.status, connections, t, {
          url: `${backendUrl}/v1/orders/none`,
          method: 'GET',
          requests: [
            {
              setupRequest: (req) => {
                const [id, token] = reads[i++ % Math.max(reads.length, 1)] ?? ['none', 'none'];
                return {
                  ...req,
                  path: `/v1/orders/${encodeURIComponent(id)}`,
                  headers: { ...req.headers, authorization: `Bearer ${token}` },
                };
              },
            },
          ],
        });
      }
    }
  }

  return {
    run,
    summary: () =>
      `orders from the webform runs: ${webformIds.length}; notifications: ${Math.min(notified, webformIds.length)} paid an order, ${Math.max(0, notified - webformIds.length)} were duplicates; status reads spread over ${paidReads().length} paid orders`,
  };
}
