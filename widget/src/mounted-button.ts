// One mounted button: it feeds the payment's state machine (machine.ts) with what happens — presses,
// the servers' answers, timers — and runs the effect of each state it enters: `creating` asks for a
// checkout (with a new order from the shop when the page gave a way), `redirecting` hands QIWI's
// page to navigation, `waiting` polls the order until its status is final. It also tells merchant
// code (events and callbacks) and draws the button into the element's shadow root. This is the
// only place with timing.
//
// Nothing here may throw into the merchant's page: every entry point runs under `guard`.

import type { ApiClient, OrderAnswer } from './api-client';
import { next, type PaymentEvent, type PaymentState, type StateKind } from './machine';
import { redirectUrl } from './navigate';
import {
  mergeOptions,
  readAttributes,
  resolveOptions,
  type Config,
  type QiwiPayOptions,
  type Target,
} from './options';
import { hasOrderSource, newOrderToken, renewable } from './order-source';
import { outcomeOf, pollDelay } from './order-status';
import { clearPayButton, renderPayButton } from './pay-button';
import type { PendingOrder, PendingOrders } from './pending-order';
import type { Report } from './reporter';
import { pickLocale, STRINGS } from './strings';
import { toWidgetError, widgetError, type WidgetError } from './widget-error';

export interface QiwiPayHandle {
  readonly element: Element;
  /** idle, creating, redirecting, error, waiting, incomplete, paid, failed or missing. */
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
  // The page's static order token has been used up (its order is final) or refused (expired): the
  // next checkout takes a new order from the endpoint or createOrder, if there is one.
  let spent = false;
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
      renderPayButton(container, {
        state,
        strings: STRINGS[pickLocale(merged.locale, element)],
        theme: look.theme ?? 'light',
        size: look.size ?? 'medium',
        label: look.label,
        onPress: () => guard(() => dispatch({ type: 'press' })),
      });
    });

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

  /** Moves the state machine; a new state is drawn and its effect runs. */
  function dispatch(event: PaymentEvent) {
    const to = next(state, event);
    if (to === state) return;
    state = to;
    draw();
    if (to.kind === 'creating') pay(config as Config);
    if (to.kind === 'redirecting') leave();
    if (to.kind === 'waiting') watch();
  }

  /** Shows the error (through `event`), says it in the console, tells merchant code. */
  const fail = (e: WidgetError, event: PaymentEvent = { type: 'error', retryable: e.retryable }) => {
    dispatch(event);
    report(e);
    emit('error', { code: e.code, message: e.message });
  };

  /** Tells merchant code a new status; what it means for the button. */
  const told = ({ orderId, status }: OrderAnswer, final?: boolean) => {
    const outcome = outcomeOf(status, final);
    if (status !== lastStatus) emit('status', { orderId, status, final: outcome !== 'waiting' });
    lastStatus = status;
    return outcome;
  };

  /** The order's status is final: the button shows it, and the next purchase is a new order. */
  const end = (answer: OrderAnswer, outcome: 'paid' | 'failed') => {
    page.pending.finish(answer.orderId);
    key = undefined;
    spent = true;
    if (outcome === 'failed') {
      return dispatch({ type: 'failed', reason: answer.status, retryable: renewable(config as Config) });
    }
    dispatch({ type: 'paid' });
    emit('paid', { orderId: answer.orderId, amount: answer.amount, currency: answer.currency });
  };

  // Polls until the status is final: every order has a lifetime after which the server reports it
  // expired, so the loop ends; the delay grows to a cap that keeps a forgotten tab cheap. A shopper
  // who came Back from QIWI without paying is not locked out: after half a minute the button offers
  // to continue the payment (the same order and bill), while polling goes on in case it was paid.
  const watch = () => {
    stop();
    const pending = order!;
    const mine = generation;
    let attempt = 0;
    const later = () => {
      if (attempt === PATIENCE) dispatch({ type: 'patience' });
      timer = setTimeout(poll, pollDelay(attempt++));
    };
    const poll = () =>
      page.api.order(pending.backend, pending.orderId, pending.statusToken).then(
        (answer) => {
          if (mine !== generation) return;
          const outcome = told(answer, answer.final);
          if (mine !== generation) return;
          if (outcome === 'waiting') later();
          else end(answer, outcome);
        },
        (error: WidgetError) => {
          if (mine !== generation) return;
          // Network trouble, 429, 5xx: keep polling, and say so once in the console (a CORS
          // setting that refuses GET /v1/orders would otherwise poll silently).
          if (error.retryable) return (report(error), later());
          // The server cannot tell about this order (token expired, order unknown): forget it and
          // offer the button again — or, on a return page, say the order is not found here.
          page.pending.remove(pending.orderId);
          reset();
          fail(error, { type: (config as Config).return ? 'missing' : 'lost' });
        },
      );
    poll();
  };

  /** Sends the shopper to QIWI's page for the order, unless merchant code cancels the redirect. */
  const leave = () => {
    stop();
    const pending = order!;
    const mine = generation;
    const go = emit('redirect', { orderId: pending.orderId, url: pending.url });
    if (mine !== generation) return;
    if (go) page.navigate(pending.url);
    // A page that is still here after a moment kept the order: the merchant cancelled the
    // navigation, or the shopper came Back and the browser restored this page from its
    // back/forward cache, where timers pause and then resume. Either way, show its status.
    timer = setTimeout(() => dispatch({ type: 'back' }), 1500);
  };

  const pay = (c: Config) => {
    reset();
    const mine = generation;
    const { backend, flow, paySource, ref } = c;
    const item = c.target && 'item' in c.target;
    if (!key && item) key = newKey();
    // The page's own order token first, while it can still pay; then new orders, if the page gave
    // a way. (A catalog item has no order source: resolveOptions refuses both.)
    const source = hasOrderSource(c);
    const own = !!c.target && !item && (!spent || !source);
    /** The own token's order is over or was refused: pay a new order instead, in the same press. */
    const replace = () => {
      spent = true;
      pay(c);
    };
    const checkout = (target: Target) =>
      page.api.checkout(backend, { target, flow, paySource, idempotencyKey: key });
    (own || item
      ? checkout(c.target!)
      : newOrderToken(page.api, c).then((orderToken) => checkout({ orderToken }))
    )
      .then((answer) => {
        // Every check of `mine` also covers merchant code that unmounted or updated the button
        // from inside an event it was just told.
        if (mine !== generation) return;
        const outcome = told(answer, answer.final);
        if (mine !== generation) return;
        if (outcome === 'waiting') {
          const url = redirectUrl(answer.redirect);
          order = { orderId: answer.orderId, statusToken: answer.statusToken!, backend, ref, url };
          page.pending.save(order);
          return dispatch({ type: 'created' });
        }
        // The order was final before this press (a retried order token, say): paying again needs
        // a new order, which only the merchant's backend can sign.
        if (outcome === 'failed' && own && source) return replace();
        end(answer, outcome);
        if (outcome === 'failed') {
          const e = widgetError(
            'order_final',
            `order ${answer.orderId} is ${answer.status}: sign a new order token, or set data-order-endpoint`,
            false,
          );
          report(e);
          emit('error', { code: e.code, message: e.message });
        }
      })
      .catch((error) => {
        if (mine !== generation) return;
        const e = toWidgetError(error);
        // An expired static token: the shop's endpoint signs a new order.
        if (own && source && e.code === 'invalid_order_token') return replace();
        fail(e);
      });
  };

  const configure = () => {
    merged = mergeOptions({ backend: page.backend }, readAttributes(element), options);
    const c = resolveOptions(merged);
    // The same purchase (a new label, say) only re-renders; another one, or any change after an
    // error (a corrected data-flow, say), starts afresh.
    const same =
      state.kind !== 'error' &&
      config &&
      !('code' in config) &&
      !('code' in c) &&
      config.backend === c.backend &&
      config.ref === c.ref;
    config = c;
    // Reflected so the stylesheet's :host([data-full-width]) applies to JS options too.
    element.toggleAttribute('data-full-width', !!merged.fullWidth);
    if (same) return draw();
    reset();
    key = undefined;
    spent = false;
    if ('code' in c) return fail(c, { type: 'invalid' });
    order = page.pending.take(c.backend, c.ref, returnedOrderId());
    dispatch({ type: order ? 'found' : c.return ? 'missing' : 'ready' });
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
        clearPayButton(container);
      }),
  };
  element[HANDLE] = handle;
  guard(configure);
  return handle;
}
