// The button's state machine and the only place with timing: start a checkout, remember the order,
// hand the redirect to navigation, and on the way back poll the order until its status is final.
// All I/O comes in as dependencies, so every path is tested with fakes and a fake clock.
//
//   idle ─press→ creating ─→ redirecting ─(back from QIWI)→ waiting ─→ paid | failed ─press→ creating
//                   └─→ error ─press→ creating                 └─(3 min)→ stalled ─press→ waiting

import type { ApiClient, OrderAnswer } from './api-client';
import { MAX_POLLS, pollDelay } from './backoff';
import { redirectUrl } from './navigate';
import type { Config } from './options';
import { outcomeOf } from './order-status';
import type { PendingOrder, PendingOrders } from './pending-order';
import { toWidgetError, type WidgetError } from './widget-error';

export type StateKind =
  'idle' | 'creating' | 'redirecting' | 'error' | 'waiting' | 'stalled' | 'paid' | 'failed';

export interface PaymentState {
  readonly kind: StateKind;
  /** In the error state: whether pressing the button again can help. */
  readonly retryable?: boolean;
}

export type EventName = 'status' | 'paid' | 'error' | 'redirect';

export interface ControllerDeps {
  readonly api: ApiClient;
  readonly pending: PendingOrders;
  readonly navigate: (url: string) => void;
  /** Tells merchant code; false when it cancelled the event (only `redirect` can be cancelled). */
  readonly emit: (name: EventName, detail: object) => boolean;
  readonly report: (error: WidgetError) => void;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (timer: unknown) => void;
  /** A fresh Idempotency-Key for a new catalog purchase. */
  readonly newKey: () => string;
  /** `order=` in the return page's URL (pull-rest-api-2.1.md §8.3), if any. */
  readonly returnedOrderId: () => string | null;
}

export interface PaymentController {
  readonly state: PaymentState;
  configure(config: Config | WidgetError): void;
  /** The button's action in the current state: pay, retry, or check again; ignored while busy. */
  press(): void;
  /** The page came back from the back/forward cache after leaving for QIWI. */
  pageShown(): void;
  destroy(): void;
}

const IGNORE_PRESS: readonly StateKind[] = ['creating', 'redirecting', 'waiting', 'paid'];

export function createPaymentController(deps: ControllerDeps, onChange: () => void): PaymentController {
  let state: PaymentState = { kind: 'idle' };
  let config: Config | undefined;
  let order: PendingOrder | undefined;
  let key: string | undefined;
  let lastStatus: string | undefined;
  // Bumped whenever work is abandoned, so answers and timers that arrive late are ignored.
  let generation = 0;
  let timer: unknown;

  const set = (kind: StateKind, retryable?: boolean) => {
    state = { kind, retryable };
    onChange();
  };

  const stop = () => {
    generation++;
    deps.clearTimeout(timer);
  };

  const forget = () => {
    if (order) deps.pending.release(order.orderId);
    order = lastStatus = undefined;
  };

  const fail = (error: unknown, kind: StateKind = 'error') => {
    const e = toWidgetError(error);
    set(kind, e.retryable);
    deps.report(e);
    deps.emit('error', { code: e.code, message: e.message });
  };

  /** Reports the status; when it is final, settles the button and returns true. */
  const settle = (answer: OrderAnswer) => {
    const outcome = outcomeOf(answer.status, answer.final);
    const { orderId, status } = answer;
    if (status !== lastStatus) deps.emit('status', { orderId, status, final: outcome !== 'waiting' });
    lastStatus = status;
    if (outcome === 'waiting') return false;
    deps.pending.remove(orderId);
    // The next purchase of a catalog item is a new order.
    key = undefined;
    set(outcome);
    if (outcome === 'paid') deps.emit('paid', { orderId, amount: answer.amount, currency: answer.currency });
    return true;
  };

  const wait = (pending: PendingOrder) => {
    stop();
    order = pending;
    const mine = generation;
    let attempt = 0;
    const next = () =>
      attempt < MAX_POLLS ? (timer = deps.setTimeout(poll, pollDelay(attempt++))) : set('stalled');
    const poll = () =>
      deps.api.order(pending.backend, pending.orderId, pending.statusToken).then(
        (answer) => mine === generation && !settle(answer) && next(),
        (error: WidgetError) => {
          if (mine !== generation) return;
          if (error.retryable) return next();
          // The server cannot tell about this order (token expired, order unknown): forget it and
          // offer the button again rather than wait for ever.
          deps.pending.remove(pending.orderId);
          forget();
          fail(error, 'idle');
        },
      );
    set('waiting');
    poll();
  };

  const pay = (cfg: Config) => {
    stop();
    forget();
    const mine = generation;
    if (!key && 'item' in cfg.target) key = deps.newKey();
    set('creating');
    deps.api
      .checkout(cfg.backend, {
        target: cfg.target,
        flow: cfg.flow,
        paySource: cfg.paySource,
        idempotencyKey: key,
      })
      .then((answer) => {
        if (mine !== generation || settle(answer)) return;
        const url = redirectUrl(answer.redirect);
        order = {
          orderId: answer.orderId,
          statusToken: answer.statusToken!,
          backend: cfg.backend,
          ref: cfg.ref,
        };
        deps.pending.save(order);
        set('redirecting');
        if (deps.emit('redirect', { orderId: answer.orderId, url })) deps.navigate(url);
      })
      .catch((error) => mine === generation && fail(error));
  };

  return {
    get state() {
      return state;
    },
    configure(next) {
      if ('code' in next) {
        stop();
        forget();
        config = undefined;
        return fail(next);
      }
      const same = config?.backend === next.backend && config.ref === next.ref;
      config = next;
      if (same) return onChange();
      stop();
      forget();
      key = undefined;
      const pending = deps.pending.take(next.backend, next.ref, deps.returnedOrderId());
      if (pending) wait(pending);
      else set('idle');
    },
    press() {
      if (state.kind === 'stalled' && order) wait(order);
      else if (
        config &&
        !IGNORE_PRESS.includes(state.kind) &&
        !(state.kind === 'error' && !state.retryable)
      ) {
        pay(config);
      }
    },
    pageShown() {
      if (state.kind === 'redirecting' && order) wait(order);
    },
    destroy() {
      stop();
      forget();
    },
  };
}
