// The README's quickstart, run as a merchant runs it: the packages packed with npm, installed from
// the tarballs with plain npm into an empty folder outside the workspace, the README's files written
// there, the sandbox, the server and the shop started from that folder's node_modules/.bin, and a
// payment made on that shop in the browser. Nothing of the workspace is used but the tarballs.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { QiwiCheckoutPage } from '../support/pages.js';
import {
  block,
  freePort,
  REPOSITORY,
  run,
  terminal,
  titledBlocks,
  type Terminal,
} from '../support/readme.js';

test.describe.configure({ mode: 'serial' });

const readme = titledBlocks(join(REPOSITORY, 'README.md'));
let folder: string;
let shopFolder: string;
let ports: { sandbox: number; server: number; shop: number };
const terminals: Terminal[] = [];

/** The README's text for this machine: this clone's path and free ports instead of the defaults. */
function local(text: string): string {
  return text
    .replaceAll('/path/to/qiwi-pay', REPOSITORY.replace(/\/$/, ''))
    .replace(/\b8910\b/g, String(ports.sandbox))
    .replace(/\b8787\b/g, String(ports.server))
    .replace(/\b3000\b/g, String(ports.shop));
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  ports = { sandbox: await freePort(), server: await freePort(), shop: await freePort() };
  folder = mkdtempSync(join(tmpdir(), 'qiwi-pay-quickstart-'));
  shopFolder = join(folder, 'my-shop');
  await run(local(block(readme, 'pack')), folder);
  const started = Date.now();
  await run(local(block(readme, 'install')), folder);
  console.log(`quickstart: npm install of the tarballs took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const bin of ['qiwi-pay', 'qiwi-sandbox'])
    expect(existsSync(join(shopFolder, 'node_modules/.bin', bin)), `${bin} installed`).toBe(true);
  await run(local(block(readme, 'configure')), shopFolder);
  writeFileSync(join(shopFolder, 'shop.mjs'), local(block(readme, 'shop.mjs')));

  const sandbox = terminal(local(block(readme, 'terminal 1: the QIWI sandbox')), shopFolder);
  terminals.push(sandbox);
  await sandbox.waitFor('QIWI sandbox listening');
  const server = terminal(local(block(readme, 'terminal 2: the qiwi-pay server')), shopFolder);
  terminals.push(server);
  const shop = terminal(local(block(readme, 'terminal 3: your shop')), shopFolder);
  terminals.push(shop);
  await shop.waitFor('shop on');
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(`http://127.0.0.1:${ports.server}/readyz`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
});

// eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first; this hook needs none
test.afterEach(async ({}, testInfo) => {
  // What a merchant would look at first when the shop does not pay: the three terminals.
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const t of terminals) {
    await testInfo.attach('terminal', { body: t.output() });
    console.log(t.output());
  }
});

test.afterAll(async () => {
  for (const t of terminals.reverse()) await t.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the installed packages come from the tarballs, outside the workspace', async () => {
  expect(shopFolder.startsWith(REPOSITORY)).toBe(false);
  const list = await run('npm ls --depth=0 --json', shopFolder);
  const dependencies = JSON.parse(list).dependencies as Record<string, { resolved: string }>;
  for (const name of ['@qiwi-pay/server', '@qiwi-pay/widget', '@qiwi-pay/sandbox'])
    expect(dependencies[name]?.resolved, name).toMatch(/^file:.*\.tgz$/);
});

test('a shopper pays on the quickstart shop; the shop receives a verified order.paid event', async ({
  page,
}) => {
  const shop = `http://127.0.0.1:${ports.shop}`;
  await page.goto(shop);
  await page.getByRole('button', { name: 'Pay with QIWI' }).click();
  const qiwi = new QiwiCheckoutPage(page);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${ports.sandbox}/`));
  await qiwi.payFromWallet();
  await expect(page).toHaveURL(new RegExp(`^${shop}/thanks\\?.*order=order-`));
  await expect(page.getByRole('status')).toHaveText(/Paid/);
  const orderId = new URL(page.url()).searchParams.get('order')!;
  const shopTerminal = terminals[2]!;
  await shopTerminal.waitFor(`event order.paid for ${orderId}`);
});

test('the CLI lines of the quickstart mint a token and list the paid order', async () => {
  const output = await run(local(block(readme, 'cli')), shopFolder);
  const [token, ...orders] = output.trim().split('\n');
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString());
  expect(claims).toMatchObject({ orderId: 'order-1001', amount: '250.00', phone: '+79161234567' });
  expect(orders.join('\n')).toMatch(/^order-[\w-]+\tpaid\t250\.00 RUB/m);
});

test("the README's second-merchant command gives a new account and the environment for its server", async () => {
  // The sandbox's CLI talks to QIWI_SANDBOX_URL, here the quickstart's sandbox on its free port.
  const output = await run(local(block(readme, 'second merchant')), shopFolder, {
    QIWI_SANDBOX_URL: `http://127.0.0.1:${ports.sandbox}`,
  });
  const account = JSON.parse(output);
  expect(account.serverEnv).toMatchObject({ QIWI_PROTOCOL: 'pull', QIWI_NOTIFICATION_AUTH: 'basic' });
  expect(account.serverEnv.QIWI_PRV_ID).not.toBe('21379721');
  const merchants = await (await fetch(`http://127.0.0.1:${ports.sandbox}/__sandbox/merchants`)).json();
  expect(JSON.stringify(merchants)).toContain(account.serverEnv.QIWI_PRV_ID);
  expect(JSON.stringify(merchants)).not.toContain(account.serverEnv.QIWI_API_PASSWORD);
});
