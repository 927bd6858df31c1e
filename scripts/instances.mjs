// Runs N qiwi-pay server instances on one machine behind a round-robin proxy, all on one database.
//   DATABASE_URL=postgres://… <the server's usual environment> node scripts/instances.mjs [N] [PORT]
// The proxy listens on HOST:PORT (127.0.0.1:8787 by default), the instances on PORT+1 … PORT+N. A
// request goes to the next instance in turn; one that refuses the connection (down, restarting) is
// skipped, so QIWI's notifications and the widget's requests keep flowing while any instance is up.
// Ctrl-C (SIGINT) or SIGTERM stops the proxy and every instance it started, by pid.
import { spawn } from 'node:child_process';
import { request, createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] ?? 3);
const port = Number(process.argv[3] ?? process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(count) || count < 1 || count > 32) {
  console.error(`instance count must be 1-32, got ${process.argv[2]}`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 1 || port + count > 65535) {
  console.error(`port must leave room for ${count} instances above it, got ${port}`);
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ''))
  console.error(
    'warning: DATABASE_URL is not a postgres:// URL; several instances need a shared PostgreSQL ledger',
  );

const main = fileURLToPath(new URL('../server/dist/main.js', import.meta.url));
const backends = Array.from({ length: count }, (_, i) => port + 1 + i);
const children = backends.map((p, i) =>
  spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', INSTANCE_ID: `instance-${i + 1}` },
    stdio: 'inherit',
  }),
);

let next = 0;
function forward(req, res, body, tries) {
  const target = backends[next++ % backends.length];
  const upstream = request(
    { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    // Nothing was answered yet: try the next instance, at most once each.
    if (!res.headersSent && tries > 1) return forward(req, res, body, tries - 1);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: { code: 'bad_gateway', message: `no instance answered: ${error.code}` } }),
    );
  });
  upstream.end(body);
}

const proxy = createServer((req, res) => {
  // The body is buffered (requests to qiwi-pay are small) so it can be sent again to another instance.
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => forward(req, res, Buffer.concat(chunks), backends.length));
});
proxy.listen(port, host, () =>
  console.error(`round-robin proxy on http://${host}:${port} -> instances on ports ${backends.join(', ')}`),
);

function stop() {
  proxy.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 12_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(
    () => process.exit(0),
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
