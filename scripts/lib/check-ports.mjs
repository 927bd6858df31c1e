// Usage: node check-ports.mjs NAME=PORT ... — exits 1, naming the variable, when a port is taken or
// not a port, so the demo stops before it starts half of its programs.
import { createServer } from 'node:net';

const taken = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? 'error'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(null)));
  });

let failed = false;
for (const pair of process.argv.slice(2)) {
  const [name, value] = pair.split('=');
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name}=${value} is not a port number (1-65535)`);
    failed = true;
    continue;
  }
  const problem = await taken(port);
  if (problem === 'EADDRINUSE') {
    console.error(
      `port ${port} is already in use on 127.0.0.1; stop what listens there, or choose another port: ${name}=<free port> npm start`,
    );
    failed = true;
  } else if (problem) {
    console.error(`port ${port} (${name}) cannot be used: ${problem}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
