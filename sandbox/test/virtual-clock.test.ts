import { describe, expect, it } from 'vitest';
import { createClock } from '../src/core/clock.js';
import { createScheduler } from '../src/core/scheduler.js';
import {
  billBody,
  control,
  demoPullWith,
  eventually,
  pull,
  pullRefund,
  startReceiver,
  startSandbox,
  type Harness,
} from './helpers.js';

// One virtual clock (pull §14 "Clock injection … and time-scale for expiry and retries"): the time factor
// scales the clock itself, so a bill's lifetime, the retry schedule, refund processing and the delivery
// log all read the same virtual time; `advance` still jumps it.

const MINUTE = 60_000;

/** A REST lifetime (Moscow wall time) `ms` after the sandbox's own virtual now. */
async function virtualLifetime(h: Harness, ms: number): Promise<string> {
  const { now } = (await control<{ now: string }>(h, '/clock')).body;
  return new Date(Date.parse(now) + ms + 3 * 3_600_000).toISOString().slice(0, 19);
}

describe('the clock and the scheduler (pure, with a hand-moved real clock)', () => {
  it('virtual time runs 1/timeFactor as fast as real time and advance adds to it', () => {
    let real = 1_000_000;
    const clock = createClock({ start: 0, timeFactor: 0.001, realNow: () => real });
    real += 60; // 60 real ms
    expect(clock.now()).toBe(60_000); // = 1 virtual minute
    clock.advance(3_600_000);
    expect(clock.now()).toBe(3_660_000);
    clock.reset();
    expect(clock.now()).toBe(0);
  });

  it('a job never runs before its virtual due time and runs at once when advance passes it', () => {
    let real = 0;
    const clock = createClock({ start: 0, timeFactor: 0.5, realNow: () => real });
    const scheduler = createScheduler(clock);
    const ran: number[] = [];
    scheduler.schedule(10 * MINUTE, () => ran.push(clock.now()));
    scheduler.runDue();
    expect(ran).toEqual([]);
    real += 5 * MINUTE - 1; // 2 virtual ms short of 10 virtual minutes
    scheduler.runDue();
    expect(ran).toEqual([]);
    clock.advance(2);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toBeGreaterThanOrEqual(10 * MINUTE);
    scheduler.cancelAll();
  });
});

describe('a scaled sandbox keeps lifetimes, retries, refunds and the delivery log on one clock', () => {
  it('a bill with a one-hour lifetime expires (and notifies) after an hour of virtual time', async () => {
    const receiver = await startReceiver([
      { body: '<result><result_code>0</result_code></result>', contentType: 'text/xml' },
    ]);
    // 0.0005: an hour of virtual time is 1.8 real seconds.
    const h = await startSandbox({ notifyUrl: receiver.url, timeFactor: 0.0005 });
    const created = await pull(
      h,
      'vc-expire',
      'PUT',
      billBody({ lifetime: await virtualLifetime(h, 60 * MINUTE) }),
    );
    expect(created.json.response.result_code).toBe(0);
    await receiver.waitFor(1, 10_000);
    expect(receiver.received[0]?.body).toContain('status=expired');
    const bill = (
      await control<{
        bill: { status: string; expiresAt: string; history: Array<{ at: string; to: string }> };
      }>(h, '/bills/vc-expire')
    ).body.bill;
    expect(bill.status).toBe('expired');
    const expiredAt = Date.parse(bill.history.find((e) => e.to === 'expired')?.at ?? '');
    expect(expiredAt).toBeGreaterThanOrEqual(Date.parse(bill.expiresAt));
    const deliveries = (
      await control<{ deliveries: Array<{ attempts: Array<{ at: string }> }> }>(h, '/deliveries')
    ).body.deliveries;
    expect(Date.parse(deliveries[0]?.attempts[0]?.at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(bill.expiresAt),
    );
  });

  it('retry attempts are as far apart in the delivery log as nextAttemptAt said (1 virtual minute)', async () => {
    const receiver = await startReceiver([{ status: 500, body: 'down' }]);
    const h = await startSandbox({ notifyUrl: receiver.url, timeFactor: 0.001 });
    await pull(h, 'vc-retry', 'PUT', billBody({ lifetime: await virtualLifetime(h, 24 * 60 * MINUTE) }));
    await control(h, '/bills/vc-retry/transition', 'POST', { status: 'paid' });
    await receiver.waitFor(3, 10_000);
    const delivery = (
      await control<{ deliveries: Array<{ nextAttemptAt?: string; attempts: Array<{ at: string }> }> }>(
        h,
        '/deliveries',
      )
    ).body.deliveries[0];
    const times = (delivery?.attempts ?? []).map((a) => Date.parse(a.at));
    expect(times.length).toBeGreaterThanOrEqual(3);
    // pull §9.5: attempts 2–11 every minute. Real timers may wake a little late, never early.
    for (const gap of [times[1]! - times[0]!, times[2]! - times[1]!]) {
      expect(gap).toBeGreaterThanOrEqual(MINUTE);
      expect(gap).toBeLessThan(5 * MINUTE);
    }
    expect(Date.parse(delivery?.nextAttemptAt ?? '')).toBeGreaterThan(times[times.length - 1]!);
  });

  it('a processing refund settles after processingMs of virtual time, and advance still jumps the clock', async () => {
    const h = await startSandbox({
      timeFactor: 0.001,
      config: {
        pull: [
          demoPullWith({
            refunds: { mode: 'processing', processingMs: 2 * 3_600_000, finalStatus: 'success' },
          }),
        ],
      },
    });
    await pull(h, 'vc-refund', 'PUT', billBody({ lifetime: await virtualLifetime(h, 24 * 60 * MINUTE) }));
    await control(h, '/bills/vc-refund/transition', 'POST', { status: 'paid' });
    const refund = await pullRefund(h, 'vc-refund', 'r1', 'PUT', 'amount=10.00');
    expect(refund.json.response.refund?.status).toBe('processing');
    // Two virtual hours at 0.001 are 7.2 real seconds; advance 2 h instead.
    const before = Date.parse((await control<{ now: string }>(h, '/clock')).body.now);
    await control(h, '/clock/advance', 'POST', { hours: 2 });
    const after = Date.parse((await control<{ now: string }>(h, '/clock')).body.now);
    expect(after - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    await eventually(
      async () => (await pullRefund(h, 'vc-refund', 'r1', 'GET')).json.response.refund?.status === 'success',
    );
    const view = (
      await control<{ bill: { refunds: Array<{ createdAt: string; updatedAt: string }> } }>(
        h,
        '/bills/vc-refund',
      )
    ).body.bill;
    const r = view.refunds[0]!;
    expect(Date.parse(r.updatedAt) - Date.parse(r.createdAt)).toBeGreaterThanOrEqual(2 * 3_600_000);
  });
});
