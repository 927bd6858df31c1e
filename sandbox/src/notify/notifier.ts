import type { Clock } from '../core/clock.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Merchant, ResolvedConfig } from '../config/resolve-config.js';
import { notificationEffects, type NotificationEffects } from '../domain/fault-kinds.js';
import { takeFaults } from '../domain/faults.js';
import type { BillRecord, Delivery, DeliveryAttempt, SandboxState } from '../domain/state.js';
import { buildBillNotification, buildPullNotification } from './build-notification.js';
import { isLoopbackUrl, postForm, type PostFn } from './http-post.js';
import { judgeBillAnswer, judgePullAnswer } from './judge-answer.js';
import { BILL_SCHEDULE, nextDelay, PULL_SCHEDULE, scheduleFromMinutes } from './retry-schedule.js';

// Sends notifications, retries them on the documented schedule (scaled by the time factor), keeps every
// attempt in the delivery log and writes the "e-mail" QIWI sends when it gives up (pull §9.5, bill §9.4).

export interface NotifierDeps {
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  config: ResolvedConfig;
  merchantOf(bill: BillRecord): Merchant | undefined;
  post?: PostFn;
  log?: (line: string) => void;
}

export interface Notifier {
  notify(bill: BillRecord, cause: string): Delivery[];
  resend(deliveryId: string): Promise<DeliveryAttempt | undefined>;
  deliverNow(): Promise<void>;
  idle(): Promise<void>;
  stop(): void;
}

interface Runtime {
  schedule: readonly number[];
  next: number;
  cancel?: () => void;
}

const UNKNOWN_IP = '198.51.100.23';

export function createNotifier(deps: NotifierDeps): Notifier {
  const { state, clock, scheduler, config } = deps;
  const post = deps.post ?? postForm;
  const runtime = new Map<string, Runtime>();
  const inFlight = new Set<Promise<unknown>>();
  const held: Delivery[] = [];
  const realTimers = new Set<NodeJS.Timeout>();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const timeoutMs = Math.max(
    config.notifications.attemptTimeoutMs * config.timeFactor,
    config.notifications.minAttemptTimeoutMs,
  );

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  const giveUp = (delivery: Delivery, merchant: Merchant | undefined): void => {
    delivery.state = 'gave-up';
    delivery.nextAttemptAt = undefined;
    state.sequence.email += 1;
    state.emails.push({
      id: `e${state.sequence.email}`,
      at: iso(clock.now()),
      to: merchant?.notification.email ?? 'merchant@example.test',
      deliveryId: delivery.id,
      subject: `Bill ${delivery.billId} is ${delivery.status}`,
      text:
        `QIWI could not deliver the notification for bill ${delivery.billId} (status ${delivery.status}) ` +
        `to ${delivery.url ?? '(no URL)'} after ${delivery.attempts.length} attempts. ` +
        'Please check your notification handler: it must answer HTTP 200 with the documented success body.',
    });
    deps.log?.(`notification ${delivery.id} for ${delivery.billId}: gave up, e-mail logged`);
  };

  const attempt = async (delivery: Delivery, manual: boolean): Promise<DeliveryAttempt> => {
    const started = Date.now();
    const at = clock.now();
    const rt = runtime.get(delivery.id);
    const url = delivery.url ?? '';
    let result: Omit<DeliveryAttempt, 'n' | 'manual' | 'at' | 'durationMs' | 'request'>;
    if (!config.notifications.allowNonLoopback && !isLoopbackUrl(url)) {
      result = {
        outcome: 'failure',
        reason: `refused: ${url} is not a loopback URL (set notifications.allowNonLoopback to send elsewhere)`,
      };
    } else {
      try {
        const response = await post(url, delivery.request.headers, delivery.request.body, timeoutMs);
        const verdict =
          delivery.protocol === 'pull'
            ? judgePullAnswer(response, config.notifications.requireXmlContentType)
            : judgeBillAnswer(response);
        result = { response, outcome: verdict.success ? 'success' : 'failure', reason: verdict.reason };
      } catch (error) {
        const message = (error as Error).message || String(error);
        result = { error: message, outcome: 'failure', reason: `transport error: ${message}` };
      }
    }
    const record: DeliveryAttempt = {
      n: delivery.attempts.length + 1,
      manual,
      at: iso(at),
      durationMs: Date.now() - started,
      request: delivery.request,
      ...result,
    };
    delivery.attempts.push(record);
    deps.log?.(`notification ${delivery.id} attempt ${record.n} → ${record.outcome} (${record.reason})`);
    if (record.outcome === 'success') {
      delivery.state = 'delivered';
      delivery.nextAttemptAt = undefined;
      rt?.cancel?.();
    } else if (!manual && rt && delivery.state === 'pending') {
      scheduleNext(delivery, rt);
    }
    return record;
  };

  const scheduleNext = (delivery: Delivery, rt: Runtime): void => {
    const delay = nextDelay(rt.schedule, rt.next);
    if (delay === null) {
      const bill = state.bills.get(delivery.billKey);
      giveUp(delivery, bill ? deps.merchantOf(bill) : undefined);
      return;
    }
    rt.next += 1;
    delivery.nextAttemptAt = iso(clock.now() + delay);
    rt.cancel = scheduler.schedule(delay, () => void track(attempt(delivery, false)));
  };

  const start = (delivery: Delivery, delayMs: number | undefined): void => {
    const rt = runtime.get(delivery.id);
    if (!rt) return;
    if (delayMs === undefined) {
      scheduleNext(delivery, rt);
      return;
    }
    // A notification `delay` fault waits in wall-clock milliseconds before the first attempt.
    delivery.nextAttemptAt = iso(clock.now() + delayMs / clock.factor);
    const timer = setTimeout(() => {
      realTimers.delete(timer);
      if (delivery.state === 'pending') scheduleNext(delivery, rt);
    }, delayMs);
    realTimers.add(timer);
  };

  const releaseHeld = (): void => {
    for (const delivery of held.splice(0)) {
      delivery.state = 'pending';
      start(delivery, undefined);
    }
  };

  const create = (bill: BillRecord, merchant: Merchant, effects: NotificationEffects): Delivery => {
    const tamper = effects.tamperSignature;
    const built =
      merchant.protocol === 'pull'
        ? buildPullNotification(bill, merchant, {
            includePayDate: config.notifications.includePayDate,
            tamper,
          })
        : buildBillNotification(bill, merchant, { tamper });
    const headers = {
      ...built.headers,
      'X-Forwarded-For': effects.unknownIp ? UNKNOWN_IP : config.notifications.sourceIp,
    };
    state.sequence.delivery += 1;
    const delivery: Delivery = {
      id: `d${state.sequence.delivery}`,
      protocol: merchant.protocol,
      billKey: bill.key,
      billId: bill.billId,
      prvId: bill.prvId,
      status: bill.status,
      url: merchant.notification.url,
      state: merchant.notification.url ? 'pending' : 'skipped',
      createdAt: iso(clock.now()),
      faults: [],
      request: {
        method: 'POST',
        url: merchant.notification.url ?? '',
        headers,
        body: new URLSearchParams(built.pairs).toString(),
      },
      attempts: [],
    };
    state.deliveries.push(delivery);
    runtime.set(delivery.id, {
      schedule:
        merchant.protocol === 'pull'
          ? scheduleFromMinutes(config.notifications.pullScheduleMinutes, PULL_SCHEDULE)
          : scheduleFromMinutes(config.notifications.billScheduleMinutes, BILL_SCHEDULE),
      next: 0,
    });
    return delivery;
  };

  return {
    notify(bill, cause) {
      const merchant = deps.merchantOf(bill);
      if (!merchant) return [];
      // pull §9.1 / §13 A14: a merchant-initiated cancel is notified only when configured (default on).
      if (cause === 'merchant-cancel' && !merchant.notification.onMerchantCancel) return [];
      const effects = notificationEffects(takeFaults(state, 'notification', bill.billId));
      const made: Delivery[] = [];
      for (let i = 0; i < effects.copies; i++) {
        const delivery = create(bill, merchant, effects);
        delivery.faults = [...effects.kinds];
        made.push(delivery);
        if (delivery.state === 'skipped') continue;
        if (effects.hold) {
          delivery.state = 'held';
          held.push(delivery);
          continue;
        }
        start(delivery, effects.delayMs);
      }
      // A held ("reorder") notification goes out right after the next one.
      if (!effects.hold && held.length > 0 && made.some((d) => d.state === 'pending')) {
        const release = setTimeout(() => {
          realTimers.delete(release);
          releaseHeld();
        }, 50);
        realTimers.add(release);
      }
      return made;
    },
    async resend(deliveryId) {
      const delivery = state.deliveries.find((d) => d.id === deliveryId);
      if (!delivery || !delivery.url) return undefined;
      if (delivery.state === 'held') {
        held.splice(held.indexOf(delivery), 1);
        delivery.state = 'pending';
      }
      return track(attempt(delivery, true));
    },
    async deliverNow() {
      releaseHeld();
      const pending = state.deliveries.filter((d) => d.state === 'pending');
      await Promise.all(
        pending.map((delivery) => {
          const rt = runtime.get(delivery.id);
          rt?.cancel?.();
          return track(attempt(delivery, false));
        }),
      );
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    stop() {
      for (const rt of runtime.values()) rt.cancel?.();
      for (const timer of realTimers) clearTimeout(timer);
      realTimers.clear();
      runtime.clear();
      held.length = 0;
    },
  };
}
