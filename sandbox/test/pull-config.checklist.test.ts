import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/index.js';
import { billBody, call, control, demoPullWith, pull, pullRefund, startSandbox } from './helpers.js';

// pull-rest-api-2.1.md §14 "What a faithful emulator must reproduce" — Configuration.

const basic = (apiId: string, password: string): string =>
  `Basic ${Buffer.from(`${apiId}:${password}`).toString('base64')}`;

describe('pull-rest-api-2.1.md §14 Configuration', () => {
  it('Merchants: prv_id, API_ID(s) with passwords, notification URL/password, auth mode, project name, enabled currencies, min/max amount, flags', async () => {
    const merchant = (prvId: string, apiId: string, flags: Record<string, unknown> = {}) => ({
      prvId,
      projectName: 'Retail_Store',
      api: [
        { apiId, password: 'a:b:c' },
        { apiId: `${apiId}9`, password: 'blocked-one', blocked: true },
      ],
      notification: { password: 'test', auth: 'signature' as const, url: 'http://127.0.0.1:9/notify' },
      currencies: ['RUB', 'USD'],
      minAmount: '1.00',
      maxAmount: '5000.00',
      flags,
    });
    const h = await startSandbox({
      config: {
        demoAccounts: false,
        pull: [
          merchant('373712', '23244123'),
          merchant('373713', '23244124', { protocolDisabled: true }),
          merchant('373714', '23244125', { monthlyLimitExceeded: true }),
          merchant('373715', '23244126', { blockedIps: ['127.0.0.1'] }),
          merchant('373716', '23244127', { blocked: true }),
        ],
      },
    });
    let n = 0;
    const put = (prvId: string, auth: string, body: string) =>
      call(`${h.url}/api/v2/prv/${prvId}/bills/b${++n}`, 'PUT', body, { Authorization: auth });
    const ok = await put('373712', basic('23244123', 'a:b:c'), billBody({ ccy: 'USD', amount: '10.00' }));
    expect(ok.json.response.result_code).toBe(0);
    expect(
      (await put('373712', basic('232441239', 'blocked-one'), billBody())).json.response.result_code,
    ).toBe(155);
    expect(
      (await put('373712', basic('23244123', 'a:b:c'), billBody({ ccy: 'EUR' }))).json.response.result_code,
    ).toBe(1001);
    expect(
      (await put('373712', basic('23244123', 'a:b:c'), billBody({ amount: '0.99' }))).json.response
        .result_code,
    ).toBe(241);
    expect(
      (await put('373712', basic('23244123', 'a:b:c'), billBody({ amount: '5000.01' }))).json.response
        .result_code,
    ).toBe(242);
    expect((await put('373713', basic('23244124', 'a:b:c'), billBody())).json.response.result_code).toBe(152);
    expect((await put('373714', basic('23244125', 'a:b:c'), billBody())).json.response.result_code).toBe(700);
    expect((await put('373715', basic('23244126', 'a:b:c'), billBody())).json.response.result_code).toBe(339);
    expect((await put('373716', basic('23244127', 'a:b:c'), billBody())).json.response.result_code).toBe(316);
    // The demo accounts are off, so the spec's example credentials are unknown here.
    expect((await pull(h, 'x', 'GET')).status).toBe(401);
    const merchants = await control<{ pull: Array<{ prvId: string; notificationAuth: string }> }>(
      h,
      '/merchants',
    );
    expect(merchants.body.pull[0]).toMatchObject({ prvId: '373712', notificationAuth: 'signature' });
  });

  it('Merchants: a config file with mistakes reports every problem at once, saying what to fix', () => {
    let error: unknown;
    try {
      resolveConfig({
        pull: [{ prvId: 'abc', api: [], notification: { password: '' } }],
        bill: [{ prvId: '1', apiId: '2', apiSecret: 's', publicKeyCurrency: 'rub' }],
        timeFactor: -1,
      } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.length).toBeGreaterThanOrEqual(5);
    expect(problems.join('\n')).toMatch(/pull\.0\.prvId: must be decimal digits/);
    expect(problems.join('\n')).toMatch(/pull\.0\.api: needs at least one/);
    expect(problems.join('\n')).toMatch(/bill\.0\.publicKeyCurrency: must be an ISO 4217/);
  });

  it('Wallet registry: phone → registered / blocked / operator-known flags', async () => {
    const h = await startSandbox({
      config: {
        wallets: {
          unregistered: ['+79000000298'],
          blocked: ['+79000000774'],
          unknownOperator: ['+79000001019'],
          unsupportedRegion: ['+79000000934'],
          unsupportedCountry: ['+79000001018'],
        },
      },
    });
    const code = async (user: string, paySource?: string): Promise<number> =>
      (
        await pull(
          h,
          `w${user.slice(-4)}${paySource ?? ''}`,
          'PUT',
          billBody({ user, pay_source: paySource }),
        )
      ).json.response.result_code;
    expect(await code('tel:+79000000298')).toBe(298);
    expect(await code('tel:+79000000774')).toBe(774);
    expect(await code('tel:+79000001019', 'mobile')).toBe(1019);
    expect(await code('tel:+79000000934', 'mobile')).toBe(934);
    expect(await code('tel:+79000001018', 'mobile')).toBe(1018);
    // Operator flags only matter for mobile-balance bills; any other number is a registered wallet.
    expect(await code('tel:+79000001019', 'qw')).toBe(0);
    expect(await code('tel:+79161234567')).toBe(0);
  });

  it('Clock injection (Moscow time) and time-scale for expiry and retries', async () => {
    // Real-rate clock for the minute-exact expiry; the scaled one (below) runs 1000× faster.
    const h = await startSandbox({
      now: '2017-09-25T09:00:00Z', // 12:00 in Moscow
      config: { pull: [moscowMerchant()] },
    });
    // 11:59 Moscow is in the past at 12:00 Moscow, 15:00 is three hours ahead.
    expect(
      (await pull(h, 'past', 'PUT', billBody({ lifetime: '2017-09-25T11:59:00' }))).json.response.result_code,
    ).toBe(341);
    expect(
      (await pull(h, 'm1', 'PUT', billBody({ lifetime: '2017-09-25T15:00:00' }))).json.response.result_code,
    ).toBe(0);
    const bill = await control<{ bill: { expiresAt: string } }>(h, '/bills/m1');
    expect(bill.body.bill.expiresAt).toBe('2017-09-25T12:00:00.000Z');
    await control(h, '/clock/advance', 'POST', { hours: 2, minutes: 59 });
    expect((await pull(h, 'm1', 'GET')).json.response.bill?.status).toBe('waiting');
    await control(h, '/clock/advance', 'POST', { minutes: 1 });
    expect((await pull(h, 'm1', 'GET')).json.response.bill?.status).toBe('expired');
    // Time-scale: a refund that takes 60 virtual seconds settles after ~60 real ms at factor 0.001.
    const scaled = await startSandbox({
      now: '2017-09-25T09:00:00Z',
      timeFactor: 0.001,
      config: { pull: [moscowMerchant()] },
    });
    await pull(scaled, 'm2', 'PUT', billBody({ lifetime: '2017-09-26T15:00:00' }));
    await control(scaled, '/bills/m2/transition', 'POST', { status: 'paid' });
    expect((await pullRefund(scaled, 'm2', 'r1', 'PUT', 'amount=1.00')).json.response.refund?.status).toBe(
      'processing',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await pullRefund(scaled, 'm2', 'r1', 'GET')).json.response.refund?.status).toBe('success');
  });

  it('HTTP-status profile: documented (150→401, rest 200) or strict (150→401; 319→403; 210→404; 215/1419→409; 4xx for input; 503 for retryable)', async () => {
    const documented = await startSandbox();
    expect((await pull(documented, 'nope', 'GET', undefined, { Authorization: 'Basic eDp5' })).status).toBe(
      401,
    );
    const missing = await pull(documented, 'nope', 'GET');
    expect([missing.status, missing.json.response.result_code]).toEqual([200, 210]);

    const strict = await startSandbox({ httpStatusProfile: 'strict' });
    expect((await pull(strict, 'nope', 'GET')).status).toBe(404);
    expect((await pull(strict, 's1', 'PUT', billBody({ user: undefined }))).status).toBe(400);
    expect((await pull(strict, 's1', 'PUT', billBody())).status).toBe(200);
    expect((await pull(strict, 's1', 'PUT', billBody({ amount: '1.00' }))).status).toBe(409);
    await control(strict, '/bills/s1/transition', 'POST', { status: 'paid' });
    expect((await pull(strict, 's1', 'PATCH', 'status=rejected')).status).toBe(409);
    expect((await pullRefund(strict, 's1', 'r1', 'PUT', 'amount=0')).status).toBe(400);
    await control(strict, '/faults', 'POST', { kind: 'result_code', code: 13, times: 1 });
    const busy = await pull(strict, 's1', 'GET');
    expect([busy.status, busy.json.response.result_code]).toEqual([503, 13]);
    expect((await pull(strict, 's1', 'GET', undefined, { Authorization: 'Basic eDp5' })).status).toBe(401);
  });
});

function moscowMerchant() {
  return demoPullWith({ refunds: { mode: 'processing', processingMs: 60_000 } });
}
