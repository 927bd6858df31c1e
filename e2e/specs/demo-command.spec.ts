// The README's first command, `npm start`, as a newcomer runs it: it installs and builds what it
// needs, starts the sandbox, the server and the demo shop, prints where they are and how to mint an
// order token for them, and stops everything on Ctrl-C. A port already in use stops it before it
// starts anything, naming the variable that moves it.
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { freePort, REPOSITORY, run, terminal } from '../support/readme.js';

test.describe.configure({ mode: 'serial' });

test('npm start runs the demo, prints a working mint-token line, and Ctrl-C stops it', async () => {
  test.setTimeout(300_000);
  const ports = {
    SANDBOX_PORT: await freePort(),
    SERVER_PORT: await freePort(),
    SHOP_PORT: await freePort(),
  };
  const env = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)]));
  const demo = terminal('npm start', REPOSITORY, env);
  try {
    await demo.waitFor('Ctrl-C stops everything.', 240_000);
    const shop = `http://127.0.0.1:${ports.SHOP_PORT}`;
    expect(demo.output()).toContain(`shop     ${shop}`);
    expect((await fetch(`${shop}/`)).ok).toBe(true);

    const mintLine = demo
      .output()
      .split('\n')
      .find((line) => line.includes('mint-token'))!
      .trim();
    const token = (await run(mintLine, REPOSITORY)).trim();
    const checkout = await fetch(`http://127.0.0.1:${ports.SERVER_PORT}/v1/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: shop },
      body: JSON.stringify({ orderToken: token }),
    });
    expect(checkout.status, await checkout.clone().text()).toBe(200);
    expect(await checkout.json()).toMatchObject({ orderId: 'order-1001', amount: '250.00' });
  } finally {
    process.kill(-demo.child.pid!, 'SIGINT');
    await new Promise((resolve) => demo.child.once('exit', resolve));
  }
  expect(demo.output()).toContain('demo stopped');
  for (const port of Object.values(ports))
    expect(
      await fetch(`http://127.0.0.1:${port}/`).then(
        () => 'listening',
        () => 'closed',
      ),
    ).toBe('closed');
});

test('a port already in use stops npm start with the variable to change', async () => {
  test.setTimeout(120_000);
  const blocker = createServer();
  const shopPort = await freePort();
  await new Promise<void>((resolve) => blocker.listen(shopPort, '127.0.0.1', resolve));
  try {
    const env = {
      SANDBOX_PORT: String(await freePort()),
      SERVER_PORT: String(await freePort()),
      SHOP_PORT: String(shopPort),
    };
    const error = await run('npm start', REPOSITORY, env).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(error).toContain(`port ${shopPort} is already in use`);
    expect(error).toContain('SHOP_PORT=');
  } finally {
    blocker.close();
  }
});
