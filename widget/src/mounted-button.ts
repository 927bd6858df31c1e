// One mounted button: the payment's state machine — the only place with timing — the events and
// callbacks that tell merchant code, and the render of PayButton into the element's shadow root.
// Start a checkout, remember the order, hand the redirect to navigation, and on the way back poll
// the order until its status is final.
//
//   idle ─press→ creating ─→ redirecting ─(back from QIWI)→ waiting ─→ paid | failed ─press→ creating
//                   └─→ error ─press→ creating                 └─(30 s)→ incomplete ─press→ creating
//
// Nothing here may throw into the merchant's page: every entry point runs under `guard`.

import { h, render } from 'preact';
import type { ApiClient, OrderAnswer } from './api-client';
import { redirectUrl } from './navigate';
import { mergeOptions, readAttributes, resolveOptions, type Config, type QiwiPayOptions } from './options';
import { outcomeOf, pollDelay } from './order-status';
import { PayButton } from './PayButton';
import type { PendingOrder, PendingOrders } from './pending-order';
import type { Report } from './reporter';
import { pickLocale, STRINGS } from './strings';
import { toWidgetError, widgetError, type WidgetError } from './widget-error';

export type StateKind =
  'idle' | 'creating' | 'redirecting' | 'error' | 'waiting' | 'incomplete' | 'paid' | 'failed';

export interface PaymentState {
  readonly kind: StateKind;
  /** In the error state: whether pressing the button again can help. */
  readonly retryable?: boolean;
}

export interface QiwiPayHandle {
  readonly element: Element;
  /** idle, creating, redirecting, error, waiting, incomplete, paid or failed. */
  readonly state: StateKind;
  /** Merges new options (`{}` re-reads the element's attributes) and re-renders. */
  update(options: QiwiPayOptions): void;
  /** Stops polling and removes the button; the element can be mounted again. */
  unmount(): void;
}

/** What the buttons of one page share; createQiwiPay makes it once. */
export interface Page {
  /** The script tag's data-backend, the default for every button. */
  readonly backend?: string;
  readonly api: ApiClient;
  readonly pending: PendingOrders;
  readonly navigate: (url: string) => void;
  /** The console, once per message, with the prefix. */
  readonly log: Report;
}

type EventName = 'status' | 'paid' | 'error' | 'redirect';

// Symbol.for, not a private symbol: a second copy of the script, or the ES module next to the
// script tag, must find the first copy's button on the element instead of mounting another.
const HANDLE = Symbol.for('qiwi-pay.handle');

type Marked = Element & { [HANDLE]?: QiwiPayHandle };

export const handleOf = (element: Element): QiwiPayHandle | undefined => (element as Marked)[HANDLE];

const IGNORE_PRESS: readonly StateKind[] = ['creating', 'redirecting', 'waiting', 'paid'];

/** Polls after which a shopper who is still not paid may have left QIWI's page unfinished (≈ 30 s). */
const PATIENCE = 5;

/** `order=` in the return page's URL (pull-rest-api-2.1.md §8.3), if any. */
const returnedOrderId = () => new URLSearchParams(location.search).get('order');

/** A fresh Idempotency-Key (128 random bits) for a new catalog purchase. */
const newKey = () => crypto.getRandomValues(new Uint32Array(4)).join('-');

/** Renders into `container` (inside the element's shadow root) and marks the element with the handle. */
export function mountButton(
  element: Marked,
  container: Element,
  initial: QiwiPayOptions,
  page: Page,
): QiwiPayHandle {
  let options = initial;
  let merged: QiwiPayOptions = {};
  // Set by configure() before anything draws.
  let config!: Config | WidgetError;
  let state: PaymentState = { kind: 'idle' };
  let order: PendingOrder | undefined;
  let key: string | undefined;
  let lastStatus: string | undefined;
  // Bumped whenever work is abandoned, so answers and timers that arrive late are ignored.
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const report = (e: WidgetError) => page.log(e.code + ': ' + e.message);
  const guard = (run: () => void) => {
    try {
      run();
    } catch (error) {
      report(toWidgetError(error));
    }
  };

  const draw = () =>
    guard(() => {
      const look: Partial<Config> = 'code' in config ? {} : config;
      render(
        h(PayButton, {
          state,
          strings: STRINGS[pickLocale(merged.locale, element)],
          theme: look.theme ?? 'light',
          size: look.size ?? 'medium',
          label: look.label,
          onPress: () => guard(press),
        }),
        container,
      );
    });

  const set = (kind: StateKind, retryable?: boolean) => {
    state = { kind, retryable };
    draw();
  };

  /** Dispatches the event and calls the matching callback; false when merchant code cancelled it. */
  const emit = (name: EventName, detail: object) => {
    const event = new CustomEvent('qiwi-pay:' + name, {
      detail,
      bubbles: true,
      composed: true,
      // Only the redirect can be cancelled: the merchant then navigates itself.
      cancelable: name === 'redirect',
    });
    element.dispatchEvent(event);
    const callback = ('on' + name[0]!.toUpperCase() + name.slice(1)) as 'onStatus';
    try {
      (options[callback] as ((detail: object) => void) | undefined)?.(detail);
    } catch (error) {
      page.log(callback + ' threw: ' + error);
    }
    return !event.defaultPrevented;
  };

  /** Abandons the work in flight: late answers and timers are ignored. */
  const stop = () => {
    generation++;
    clearTimeout(timer);
  };

  /** Stops and lets another button take the order. */
  const reset = () => {
    stop();
    if (order) page.pending.release(order.orderId);
    order = lastStatus = undefined;
  };

  const fail = (error: unknown, kind: StateKind = 'error') => {
    const e = toWidgetError(error);
    set(kind, e.retryable);
    report(e);
    emit('error', { code: e.code, message: e.message });
  };

  /** Reports the status; when it is final, settles the button and returns true. */
  const settle = (answer: OrderAnswer) => {
    const outcome = outcomeOf(answer.status, answer.final);
    const { orderId, status } = answer;
    if (status !== lastStatus) emit('status', { orderId, status, final: outcome !== 'waiting' });
    lastStatus = status;
    if (outcome === 'waiting') return false;
    page.pending.remove(orderId);
    // The next purchase of a catalog item is a new order.
    key = undefined;
    set(outcome);
    if (outcome === 'paid') emit('paid', { orderId, amount: answer.amount, currency: answer.currency });
    return true;
  };

  // Polls until the status is final: every order has a lifetime after which the server reports it
  // expired, so the loop ends; the delay grows to a cap that keeps a forgotten tab cheap. A shopper
  // who came Back from QIWI without paying is not locked out: after half a minute the button offers
  // to continue the payment (the same order and bill), while polling goes on in case it was paid.
  const wait = (pending: PendingOrder) => {
    stop();
    order = pending;
    const mine = generation;
    let attempt = 0;
    const next = () => {
      if (attempt === PATIENCE) set('incomplete');
      timer = setTimeout(poll, pollDelay(attempt++));
    };
    const poll = () =>
      page.api.order(pending.backend, pending.orderId, pending.statusToken).then(
        (answer) => mine === generation && !settle(answer) && next(),
        (error: WidgetError) => {
          if (mine !== generation) return;
          // Network trouble, 429, 5xx: keep polling, and say so once in the console (a CORS
          // setting that refuses GET /v1/orders would otherwise poll silently).
          if (error.retryable) return (report(error), next());
          // The server cannot tell about this order (token expired, order unknown): forget it and
          // offer the button again rather than wait for ever.
          page.pending.remove(pending.orderId);
          reset();
          fail(error, 'idle');
        },
      );
    set('waiting');
    poll();
  };

  /** Sends the shopper to QIWI's page for the order, unless merchant code cancels the redirect. */
  const leave = (pending: PendingOrder) => {
    const mine = generation;
    set('redirecting');
    const go = emit('redirect', { orderId: pending.orderId, url: pending.url });
    if (mine !== generation) return;
    if (go) page.navigate(pending.url);
    // A page that is still here after a moment kept the order: the merchant cancelled the
    // navigation, or the shopper came Back and the browser restored this page from its
    // back/forward cache, where timers pause and then resume. Either way, show its status.
    timer = setTimeout(() => wait(pending), 1500);
  };

  const pay = ({ backend, target, flow, paySource, ref }: Config) => {
    reset();
    const mine = generation;
    if (!key && 'item' in target) key = newKey();
    set('creating');
    page.api
      .checkout(backend, { target, flow, paySource, idempotencyKey: key })
      .then((answer) => {
        // Every check of `mine` also covers merchant code that unmounted or updated the button
        // from inside an event it was just told.
        if (mine !== generation) return;
        const final = settle(answer);
        if (mine !== generation) return;
        if (final) {
          // The order was final before this press (a retried order token, say): paying again needs
          // a new order, which only the merchant's backend can sign.
          if (state.kind === 'failed') {
            fail(
              widgetError(
                'order_final',
                `order ${answer.orderId} is ${answer.status}: sign a new order token`,
                false,
              ),
            );
          }
          return;
        }
        const url = redirectUrl(answer.redirect);
        const pending = { orderId: answer.orderId, statusToken: answer.statusToken!, backend, ref, url };
        page.pending.save((order = pending));
        leave(pending);
      })
      .catch((error) => mine === generation && fail(error));
  };

  /**
   * Pay, pay again after an error or a failure, or continue an incomplete payment; ignored while busy,
   * once paid, or when retrying cannot help.
   */
  function press() {
    const { kind, retryable } = state;
    // Back to QIWI's page for the same order and bill, whichever button started it.
    if (kind === 'incomplete') return (stop(), leave(order!));
    if (!('code' in config) && !IGNORE_PRESS.includes(kind) && (kind !== 'error' || retryable)) pay(config);
  }

  const configure = () => {
    merged = mergeOptions({ backend: page.backend }, readAttributes(element), options);
    const next = resolveOptions(merged);
    // The same purchase (a new label, say) only re-renders; another one, or any change after an
    // error (a corrected data-flow, say), starts afresh.
    const same =
      state.kind !== 'error' &&
      config &&
      !('code' in config) &&
      !('code' in next) &&
      config.backend === next.backend &&
      config.ref === next.ref;
    config = next;
    // Reflected so the stylesheet's :host([data-full-width]) applies to JS options too.
    element.toggleAttribute('data-full-width', !!merged.fullWidth);
    if (same) return draw();
    reset();
    key = undefined;
    if ('code' in next) return fail(next);
    const pending = page.pending.take(next.backend, next.ref, returnedOrderId());
    if (pending) wait(pending);
    else set('idle');
  };

  const handle: QiwiPayHandle = {
    element,
    get state() {
      return state.kind;
    },
    // A key given as undefined clears that option (back to the attribute, or to nothing).
    update: (next) =>
      guard(() => {
        if (element[HANDLE] !== handle) return;
        options = { ...options, ...next };
        configure();
      }),
    unmount: () =>
      guard(() => {
        if (element[HANDLE] !== handle) return;
        delete element[HANDLE];
        reset();
        render(null, container);
      }),
  };
  element[HANDLE] = handle;
  guard(configure);
  return handle;
}
