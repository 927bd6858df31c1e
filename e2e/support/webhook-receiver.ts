// The shop's webhook endpoint in the e2e stack: records every delivery exactly as received (headers
// and raw body) and acknowledges it. Specs read the record from GET /deliveries and verify each
// delivery themselves with the `standardwebhooks` package, as a merchant would. `POST /fail` with
// `{ "match": "<text>" }` makes it answer 500 to every delivery whose body contains that text (a shop
// that is down for one order's events), until `{ "match": null }`; refused deliveries are not kept.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Kept deliveries are capped so a long run cannot grow without bound; the newest are kept. */
const MAX_KEPT = 1_000;

export async function startWebhookReceiver(port: number): Promise<() => Promise<void>> {
  const deliveries: Delivery[] = [];
  let failing: string | null = null;
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/deliveries') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(deliveries));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/fail') {
        failing = (JSON.parse(body) as { match: string | null }).match;
        res.statusCode = 204;
        res.end();
        return;
      }
      if (failing !== null && body.includes(failing)) {
        res.statusCode = 500;
        res.end('the shop is down for this order');
        return;
      }
      deliveries.push({ headers: req.headers, body });
      if (deliveries.length > MAX_KEPT) deliveries.shift();
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
