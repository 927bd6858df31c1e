import { describe, expect, it } from 'vitest';
import { verifyPullNotification } from '../src/crypto/pull-notification-signature.js';
import { DEMO_PULL } from '../src/config/demo-accounts.js';
import { PULL_SCHEDULE } from '../src/notify/retry-schedule.js';
import type { Delivery, EmailEntry } from '../src/index.js';
import {
  billBody,
  control,
  demoPullWith,
  eventually,
  pull,
  PULL_OK,
  pullRefund,
  startReceiver,
  startSandbox,
  type Answer,
} from './helpers.js';
import { clickOn } from './html-form.js';

// pull-rest-api-2.1.md §14 "What a faithful emulator must reproduce" — Notifications.

const deliveries = async (h: { url: string }): Promise<Delivery[]> =>
  (await control<{ deliveries: Delivery[] }>(h, '/deliveries')).body.deliveries;

describe('pull-rest-api-2.1.md §14 Notifications', () => {
  it('POST form-urlencoded UTF-8 with command=bill and all fields of §9.2 in the documented order, error=0, 2-decimal amount', async () => {
    const receiver = await startReceiver([PULL_OK]);
    const h = await startSandbox({ notifyUrl: receiver.url });
    await pull(h, 'N-1', 'PUT', billBody({ amount: '10.5', comment: 'Заказ №1 & co' }));
    await control(h, '/bills/N-1/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(1);
    const [request] = receiver.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/notify');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(request?.headers.accept).toBe('text/xml');
    expect(request?.body).toBe(
      'command=bill&bill_id=N-1&status=paid&error=0&amount=10.50&user=tel%3A%2B79001234567&prv_name=Demo+Shop&ccy=RUB&comment=%D0%97%D0%B0%D0%BA%D0%B0%D0%B7+%E2%84%961+%26+co',
    );
    await eventually(async () => (await deliveries(h))[0]?.state === 'delivered');
  });

  it('Either Basic (prv_id:notification_password) or X-Api-Signature = Base64(HMAC-SHA1 over all params sorted by name, joined by |); never both', async () => {
    const basicReceiver = await startReceiver([PULL_OK]);
    const basic = await startSandbox({ notifyUrl: basicReceiver.url });
    await pull(basic, 'NB-1', 'PUT', billBody());
    await control(basic, '/bills/NB-1/transition', 'POST', { status: 'rejected' });
    await basicReceiver.waitFor(1);
    const basicHeaders = basicReceiver.received[0]?.headers ?? {};
    expect(basicHeaders.authorization).toBe(
      `Basic ${Buffer.from(`${DEMO_PULL.prvId}:${DEMO_PULL.notificationPassword}`).toString('base64')}`,
    );
    expect(basicHeaders['x-api-signature']).toBeUndefined();

    const sigReceiver = await startReceiver([PULL_OK]);
    const signed = await startSandbox({
      config: {
        pull: [
          demoPullWith({
            notification: { password: 'K3yForN0tify', auth: 'signature', url: sigReceiver.url },
          }),
        ],
      },
    });
    await pull(signed, 'NS-1', 'PUT', billBody());
    await control(signed, '/bills/NS-1/transition', 'POST', { status: 'paid' });
    await sigReceiver.waitFor(1);
    const request = sigReceiver.received[0];
    expect(request?.headers.authorization).toBeUndefined();
    const signature = String(request?.headers['x-api-signature']);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(verifyPullNotification(request?.body ?? '', 'K3yForN0tify', signature)).toBe(true);
  });

  it('Success only on HTTP 200 + parsable XML <result><result_code>0</result_code></result> (+ text/xml content type by default)', async () => {
    const ok = PULL_OK.body;
    const answers: Answer[] = [
      { status: 500, contentType: 'text/xml', body: ok },
      { status: 200, contentType: 'text/plain', body: ok },
      { status: 200, contentType: 'text/xml', body: '<result><result_code>0</result_code>' },
      { status: 200, contentType: 'text/xml', body: '<result><result_code>13</result_code></result>' },
      { status: 200, contentType: 'application/json', body: '{"result_code":0}' },
      { status: 202, contentType: 'text/xml', body: ok },
      { status: 200, contentType: 'text/xml; charset=utf-8', body: ok },
    ];
    const receiver = await startReceiver(answers);
    const h = await startSandbox({ notifyUrl: receiver.url, timeFactor: 0.0001 });
    await pull(h, 'NA-1', 'PUT', billBody());
    await control(h, '/bills/NA-1/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(7);
    await eventually(async () => (await deliveries(h))[0]?.state === 'delivered');
    const [delivery] = await deliveries(h);
    expect(delivery?.attempts.map((a) => a.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'success',
    ]);
    expect(delivery?.attempts.map((a) => a.reason)).toEqual([
      'HTTP 500, expected 200',
      'Content-Type "text/plain", expected text/xml',
      'answer is not well-formed XML',
      'result_code 13',
      'Content-Type "application/json", expected text/xml',
      'HTTP 202, expected 200',
      'result_code 0',
    ]);
    // The log keeps the request and the answer of every attempt, with timing.
    expect(delivery?.attempts[0]).toMatchObject({
      n: 1,
      request: { method: 'POST', url: receiver.url },
      response: { status: 500, body: ok },
    });
    expect(typeof delivery?.attempts[0]?.durationMs).toBe('number');
    expect(receiver.received).toHaveLength(7);
  });

  it('Retry schedule (≤50 attempts, ≤24 h) under a compressed clock: 1 min steps first, then stop and log an "e-mail"', async () => {
    const receiver = await startReceiver([{ status: 503, body: 'down' }]);
    // Time factor 1: real timers never fire during the test, only clock advances do.
    const h = await startSandbox({ notifyUrl: receiver.url });
    await pull(h, 'NR-1', 'PUT', billBody());
    await control(h, '/bills/NR-1/transition', 'POST', { status: 'unpaid' });
    await receiver.waitFor(1);
    await h.sandbox.notifier.idle();
    await control(h, '/clock/advance', 'POST', { seconds: 59 });
    await h.sandbox.notifier.idle();
    expect(receiver.received).toHaveLength(1);
    await control(h, '/clock/advance', 'POST', { seconds: 1 });
    await receiver.waitFor(2);
    // Walk the whole documented schedule one step at a time.
    for (let attempt = 2; attempt < PULL_SCHEDULE.length; attempt++) {
      await h.sandbox.notifier.idle();
      await control(h, '/clock/advance', 'POST', { ms: PULL_SCHEDULE[attempt] });
      await receiver.waitFor(attempt + 1);
    }
    await h.sandbox.notifier.idle();
    expect(receiver.received).toHaveLength(50);
    await control(h, '/clock/advance', 'POST', { days: 2 });
    expect(receiver.received).toHaveLength(50);
    const [delivery] = await deliveries(h);
    expect(delivery?.state).toBe('gave-up');
    const span = Date.parse(delivery?.attempts[49]?.at ?? '') - Date.parse(delivery?.attempts[0]?.at ?? '');
    expect(span).toBeGreaterThanOrEqual(17.5 * 3_600_000);
    expect(span).toBeLessThan(24 * 3_600_000);
    const emails = (await control<{ emails: EmailEntry[] }>(h, '/emails')).body.emails;
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ deliveryId: delivery?.id, subject: 'Bill NR-1 is unpaid' });
  });

  it('Retry with a real receiver that fails N times, then answers correctly (time factor 0.001)', async () => {
    const receiver = await startReceiver([
      { status: 500, body: '' },
      { status: 500, body: '' },
      { status: 500, body: '' },
      PULL_OK,
    ]);
    const h = await startSandbox({ notifyUrl: receiver.url, timeFactor: 0.001 });
    await pull(h, 'NF-1', 'PUT', billBody());
    const started = Date.now();
    await clickOn(`${h.url}/form?shop=${DEMO_PULL.prvId}&transaction=NF-1`, 'Pay from QIWI Wallet balance');
    await receiver.waitFor(4);
    // Attempts 2–4 follow at 1-minute steps: 3 × 60 ms of real time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
    await eventually(async () => (await deliveries(h))[0]?.state === 'delivered');
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  });

  it('One notification per final transition; duplicates possible; optional notification on merchant cancel', async () => {
    const receiver = await startReceiver([PULL_OK]);
    const h = await startSandbox({ notifyUrl: receiver.url });
    for (const id of ['O-paid', 'O-cancel', 'O-exp', 'O-dup']) await pull(h, id, 'PUT', billBody());
    await clickOn(`${h.url}/form?shop=${DEMO_PULL.prvId}&transaction=O-paid`, 'Pay by card');
    await pullRefund(h, 'O-paid', 'r1', 'PUT', 'amount=1.00'); // refunds notify nothing
    await pull(h, 'O-paid', 'PATCH', 'status=rejected'); // 1419, no transition
    await pull(h, 'O-cancel', 'PATCH', 'status=rejected');
    await pull(h, 'O-cancel', 'PATCH', 'status=rejected'); // idempotent repeat, no second notification
    await control(h, '/bills/O-exp/transition', 'POST', { status: 'expired' });
    await control(h, '/faults', 'POST', {
      target: 'notification',
      kind: 'duplicate',
      times: 1,
      match: 'O-dup',
    });
    await control(h, '/bills/O-dup/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(5);
    await h.sandbox.notifier.idle();
    const byBill = (await deliveries(h)).map((d) => `${d.billId}:${d.status}`);
    expect(byBill.sort()).toEqual([
      'O-cancel:rejected',
      'O-dup:paid',
      'O-dup:paid',
      'O-exp:expired',
      'O-paid:paid',
    ]);
    expect(receiver.received).toHaveLength(5);

    const quietReceiver = await startReceiver([PULL_OK]);
    const quiet = await startSandbox({
      config: {
        pull: [
          demoPullWith({ notification: { password: 'p', onMerchantCancel: false, url: quietReceiver.url } }),
        ],
      },
    });
    await pull(quiet, 'Q-1', 'PUT', billBody());
    await pull(quiet, 'Q-1', 'PATCH', 'status=rejected');
    await pull(quiet, 'Q-2', 'PUT', billBody());
    await control(quiet, '/bills/Q-2/transition', 'POST', { status: 'rejected' }); // the user declined: notified
    await quietReceiver.waitFor(1);
    await quiet.sandbox.notifier.idle();
    expect((await deliveries(quiet)).map((d) => d.billId)).toEqual(['Q-2']);
  });

  it('Test hooks: deliver now, replay last notification, tamper signature, send from an "unknown IP" marker header', async () => {
    const receiver = await startReceiver([{ status: 500, body: '' }, PULL_OK]);
    const h = await startSandbox({
      config: {
        pull: [
          demoPullWith({ notification: { password: 'K3yForN0tify', auth: 'signature', url: receiver.url } }),
        ],
      },
    });
    await pull(h, 'H-1', 'PUT', billBody());
    await control(h, '/bills/H-1/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(1);
    await h.sandbox.notifier.idle();
    // Deliver now: the retry due in a minute goes out at once.
    await control(h, '/deliveries/deliver-now', 'POST');
    await receiver.waitFor(2);
    const [first] = await deliveries(h);
    expect(first?.state).toBe('delivered');
    expect(receiver.received[0]?.headers['x-forwarded-for']).toBe('91.232.230.10');
    // Replay: the same notification once more.
    const replay = await control<{ attempt: { manual: boolean; outcome: string } }>(
      h,
      `/deliveries/${first?.id}/resend`,
      'POST',
    );
    expect(replay.body.attempt).toMatchObject({ manual: true, outcome: 'success' });
    expect(receiver.received[2]?.body).toBe(receiver.received[0]?.body);
    // Tampered signature and unknown source IP on the next notification.
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'bad_signature', times: 1 });
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'unknown_ip', times: 1 });
    await pull(h, 'H-2', 'PUT', billBody());
    await control(h, '/bills/H-2/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(4);
    const tampered = receiver.received[3];
    expect(
      verifyPullNotification(
        tampered?.body ?? '',
        'K3yForN0tify',
        String(tampered?.headers['x-api-signature']),
      ),
    ).toBe(false);
    expect(tampered?.headers['x-forwarded-for']).toBe('198.51.100.23');
    // Reorder: a held notification goes out after the next one; delay: waits before the first attempt.
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'reorder', times: 1 });
    for (const id of ['H-3', 'H-4']) await pull(h, id, 'PUT', billBody());
    await control(h, '/bills/H-3/transition', 'POST', { status: 'paid' });
    await control(h, '/bills/H-4/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(6);
    expect(receiver.received.slice(4).map((r) => new URLSearchParams(r.body).get('bill_id'))).toEqual([
      'H-4',
      'H-3',
    ]);
    await control(h, '/faults', 'POST', { target: 'notification', kind: 'delay', delayMs: 150, times: 1 });
    await pull(h, 'H-5', 'PUT', billBody());
    const before = Date.now();
    await control(h, '/bills/H-5/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(7);
    expect(Date.now() - before).toBeGreaterThanOrEqual(140);
  });
});
