import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/commands.js';
import { BILL_OK, billBody, call, control, PULL_OK, pull, startReceiver, startSandbox } from './helpers.js';

// Several merchants' servers on one sandbox: each account notifies its own URL (pull §9.1, bill §9.1),
// and a second server gets its own account from the running sandbox (POST /__sandbox/merchants, CLI).

interface NewPull {
  prvId: string;
  apiId: string;
  apiPassword: string;
  notificationPassword: string;
  serverEnv: Record<string, string>;
}
interface NewBill {
  prvId: string;
  secretKey: string;
  publicKey: string;
  apiSecret: string;
  serverEnv: Record<string, string>;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('several merchants on one sandbox', () => {
  it('a Pull account made at run time gets its own credentials and its bills notify only its own URL', async () => {
    const demoReceiver = await startReceiver([PULL_OK]);
    const secondReceiver = await startReceiver([PULL_OK]);
    const h = await startSandbox({ notifyUrl: demoReceiver.url });
    const made = await control<NewPull>(h, '/merchants', 'POST', {
      protocol: 'pull',
      notifyUrl: secondReceiver.url,
      projectName: 'Second Shop',
    });
    expect(made.status).toBe(201);
    const m = made.body;
    expect(m.serverEnv).toMatchObject({
      QIWI_PROTOCOL: 'pull',
      QIWI_PRV_ID: m.prvId,
      QIWI_API_PASSWORD: m.apiPassword,
    });
    const created = await call(`${h.url}/api/v2/prv/${m.prvId}/bills/second-1`, 'PUT', billBody(), {
      Authorization: basic(m.apiId, m.apiPassword),
    });
    expect(created.json.response.result_code).toBe(0);
    // The demo account's credentials cannot reach the new account's bills (§5.1 row 5).
    expect((await call(`${h.url}/api/v2/prv/${m.prvId}/bills/second-1`, 'GET')).status).toBe(401);
    await pull(h, 'demo-1', 'PUT', billBody());
    await control(h, `/bills/second-1/transition`, 'POST', { status: 'paid' });
    await control(h, `/bills/demo-1/transition`, 'POST', { status: 'paid' });
    await secondReceiver.waitFor(1);
    await demoReceiver.waitFor(1);
    expect(secondReceiver.received).toHaveLength(1);
    expect(secondReceiver.received[0]?.body).toContain('bill_id=second-1');
    expect(secondReceiver.received[0]?.body).toContain('prv_name=Second+Shop');
    expect(secondReceiver.received[0]?.headers.authorization).toBe(basic(m.prvId, m.notificationPassword));
    expect(demoReceiver.received).toHaveLength(1);
    expect(demoReceiver.received[0]?.body).toContain('bill_id=demo-1');
  });

  it('a Bill account made at run time works with its Bearer secret_key and notifies its own URL', async () => {
    const demoReceiver = await startReceiver([BILL_OK]);
    const secondReceiver = await startReceiver([BILL_OK]);
    const h = await startSandbox({ notifyUrl: demoReceiver.url });
    const m = (
      await control<NewBill>(h, '/merchants', 'POST', { protocol: 'bill', notifyUrl: secondReceiver.url })
    ).body;
    expect(m.serverEnv).toMatchObject({
      QIWI_PROTOCOL: 'bill',
      QIWI_API_SECRET: m.apiSecret,
      QIWI_PUBLIC_KEY: m.publicKey,
    });
    const created = await call(`${h.url}/api/v3/prv/bills/b2-1`, 'PUT', billBody(), {
      Authorization: `Bearer ${m.secretKey}`,
    });
    expect(created.json.response.result_code).toBe(0);
    await control(h, `/bills/b2-1/transition`, 'POST', { status: 'paid' });
    await secondReceiver.waitFor(1);
    expect(secondReceiver.received[0]?.body).toContain(`prv_id=${m.prvId}`);
    expect(demoReceiver.received).toHaveLength(0);
  });

  it('the list shows the new account without secrets; accounts survive a reset; bad input says what to fix', async () => {
    const h = await startSandbox();
    const m = (await control<NewPull>(h, '/merchants', 'POST', { protocol: 'pull' })).body;
    await control(h, '/reset', 'POST', {});
    const listed = await fetch(`${h.url}/__sandbox/merchants`).then((r) => r.text());
    expect(listed).toContain(m.prvId);
    expect(listed).not.toContain(m.apiPassword);
    expect(listed).not.toContain(m.notificationPassword);
    const bad = await control<{ error: { message: string } }>(h, '/merchants', 'POST', {
      protocol: 'pull',
      notifyUrl: 'ftp://x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^notifyUrl: must be an absolute http/);
    expect((await control(h, '/merchants', 'POST', { protocol: 'sbp' })).status).toBe(400);
  });

  it('qiwi-sandbox merchant add prints the account and the server environment', async () => {
    const h = await startSandbox();
    const lines: string[] = [];
    await runCli(
      [
        'merchant',
        'add',
        '--protocol',
        'bill',
        '--notify-url',
        'http://127.0.0.1:3999/n',
        '--name',
        'Kiosk',
        '--url',
        h.url,
      ],
      { out: (t) => lines.push(t), env: {}, onStop: () => undefined },
    );
    const printed = JSON.parse(lines.join('\n')) as NewBill & {
      projectName: string;
      notificationUrl: string;
    };
    expect(printed).toMatchObject({ projectName: 'Kiosk', notificationUrl: 'http://127.0.0.1:3999/n' });
    expect(printed.serverEnv.QIWI_PUBLIC_KEY).toBe(printed.publicKey);
  });
});
