import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/commands.js';
import { checkControlAccess, type ControlCaller } from '../src/http/control-guard.js';
import { billBody, control, demoPullWith, pull, PRV, startSandbox } from './helpers.js';

// The control API can force any bill to paid: it answers loopback callers only unless a control token
// is configured, and never a state change a browser sends from another site. Return URLs must be on the
// merchant's site (pull-rest-api-2.1.md §8.2) when the account lists its site origins.

const TOKEN = 'control-token-for-tests-0123456789';

const caller = (over: Partial<ControlCaller> = {}): ControlCaller => ({
  method: 'GET',
  ip: '127.0.0.1',
  ...over,
  headers: { host: '127.0.0.1:8910', ...over.headers },
});

describe('who may use the control API (pure rule)', () => {
  it('without a token: loopback callers only (IPv4 127/8, ::1, IPv4-mapped)', () => {
    expect(checkControlAccess(caller(), {})).toBeUndefined();
    expect(checkControlAccess(caller({ ip: '127.8.9.10' }), {})).toBeUndefined();
    expect(checkControlAccess(caller({ ip: '::1' }), {})).toBeUndefined();
    expect(checkControlAccess(caller({ ip: '192.168.1.20' }), {})?.code).toBe('LOOPBACK_ONLY');
    expect(checkControlAccess(caller({ ip: '10.0.0.1' }), {})?.status).toBe(403);
  });

  it('with a token: every caller, loopback included, needs Bearer <token> (or Basic with it as password)', () => {
    const access = { token: TOKEN };
    expect(checkControlAccess(caller(), access)?.status).toBe(401);
    expect(
      checkControlAccess(
        caller({ ip: '192.168.1.20', headers: { authorization: `Bearer ${TOKEN}` } }),
        access,
      ),
    ).toBeUndefined();
    expect(
      checkControlAccess(caller({ headers: { authorization: `Bearer ${TOKEN}x` } }), access)?.status,
    ).toBe(401);
    const basic = `Basic ${Buffer.from(`me:${TOKEN}`).toString('base64')}`;
    expect(checkControlAccess(caller({ headers: { authorization: basic } }), access)).toBeUndefined();
  });

  it('a state change from another site is refused; navigating to a page is not', () => {
    const post = (headers: ControlCaller['headers']) =>
      checkControlAccess(caller({ method: 'POST', headers }), {});
    expect(post({ origin: 'http://127.0.0.1:5173' })?.code).toBe('CROSS_SITE');
    expect(post({ 'sec-fetch-site': 'same-site' })?.code).toBe('CROSS_SITE');
    expect(post({ origin: 'null' })?.code).toBe('CROSS_SITE');
    // Chrome under Referrer-Policy: no-referrer: a same-origin form says "Origin: null".
    expect(post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toBeUndefined();
    expect(post({ origin: 'http://127.0.0.1:8910', 'sec-fetch-site': 'cross-site' })?.code).toBe(
      'CROSS_SITE',
    );
    expect(post({ origin: 'http://127.0.0.1:8910', 'sec-fetch-site': 'same-origin' })).toBeUndefined();
    expect(checkControlAccess(caller({ headers: { 'sec-fetch-site': 'cross-site' } }), {})).toBeUndefined();
  });
});

describe('the control API over HTTP', () => {
  it('with a control token: 401 without it, JSON with it; the hosted pages and their stylesheet stay public', async () => {
    const h = await startSandbox({ controlToken: TOKEN });
    const bare = await fetch(`${h.url}/__sandbox/health`);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('CONTROL_TOKEN_REQUIRED');
    const authed = await fetch(`${h.url}/__sandbox/health`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(authed.status).toBe(200);
    expect((await fetch(`${h.url}/__sandbox/assets/sandbox.css`)).status).toBe(200);
    await pull(h, 'tok-1', 'PUT', billBody());
    expect((await fetch(`${h.url}/form?shop=${PRV}&transaction=tok-1`)).status).toBe(200);
  });

  it('refuses a forced payment posted from another origin (CSRF) and leaves the bill waiting', async () => {
    const h = await startSandbox();
    await pull(h, 'csrf-1', 'PUT', billBody());
    const forged = await fetch(`${h.url}/__sandbox/bills/csrf-1/transition`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ status: 'paid' }),
    });
    expect(forged.status).toBe(403);
    expect((await pull(h, 'csrf-1', 'GET')).json.response.bill?.status).toBe('waiting');
  });

  it('a token shorter than 16 characters is refused at start-up', () => {
    return expect(startSandbox({ controlToken: 'short' })).rejects.toThrow(/at least 16 characters/);
  });

  it('the CLI sends the token from QIWI_SANDBOX_CONTROL_TOKEN', async () => {
    const h = await startSandbox({ controlToken: TOKEN });
    const run = async (env: NodeJS.ProcessEnv) => {
      const lines: string[] = [];
      await runCli(['health', '--url', h.url], { out: (t) => lines.push(t), env, onStop: () => undefined });
      return JSON.parse(lines.join('\n')) as { ok: boolean };
    };
    await expect(run({})).rejects.toThrow(/Bearer/);
    expect((await run({ QIWI_SANDBOX_CONTROL_TOKEN: TOKEN })).ok).toBe(true);
  });
});

describe("return URLs on the merchant's site (pull §8.2)", () => {
  const config = { pull: [demoPullWith({ siteOrigins: ['https://shop.example', 'http://127.0.0.1:5173'] })] };

  it('the checkout refuses a successUrl or failUrl on another origin and accepts the configured ones', async () => {
    const h = await startSandbox({ config });
    await pull(h, 'ret-1', 'PUT', billBody());
    const checkout = (query: string) => fetch(`${h.url}/form?shop=${PRV}&transaction=ret-1&${query}`);
    const foreign = await checkout(`successUrl=${encodeURIComponent('https://evil.example/ok')}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('must be on the merchant&#39;s site');
    expect(
      (await checkout(`failUrl=${encodeURIComponent('https://shop.example.evil.test/fail')}`)).status,
    ).toBe(400);
    expect((await checkout(`failUrl=${encodeURIComponent('javascript:alert(1)')}`)).status).toBe(400);
    expect(
      (await checkout(`successUrl=${encodeURIComponent('https://shop.example/pay/ok?a=1')}`)).status,
    ).toBe(200);
    expect((await checkout(`failUrl=${encodeURIComponent('http://127.0.0.1:5173/fail')}`)).status).toBe(200);
  });

  it('the web form refuses a foreign return URL before creating the bill', async () => {
    const h = await startSandbox({ config });
    const page = await fetch(
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&summ=1.00&to=%2B79161234567&txn_id=ret2&successUrl=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(page.status).toBe(400);
    expect((await control<{ bills: unknown[] }>(h, '/bills')).body.bills).toHaveLength(0);
  });

  it('the demo accounts are open: any http(s) origin is accepted', async () => {
    const h = await startSandbox();
    await pull(h, 'ret-3', 'PUT', billBody());
    const page = await fetch(
      `${h.url}/form?shop=${PRV}&transaction=ret-3&successUrl=${encodeURIComponent('https://anywhere.example/ok')}`,
    );
    expect(page.status).toBe(200);
  });
});
