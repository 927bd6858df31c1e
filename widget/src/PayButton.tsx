// The button and its states: idle → creating → redirecting; error with retry; and on the return page
// waiting → paid | failed (or "not confirmed yet" with a way to check again).

import { useEffect, useRef, useState } from 'preact/hooks';
import { BackendError, FAILED, PAID, readStatus, startCheckout } from './backend.js';
import type { ErrorDetail, PayOptions, StatusDetail } from './options.js';
import {
  MAX_POLLS,
  forgetOrder,
  pollDelayMs,
  recallOrder,
  rememberOrder,
  type PendingOrder,
} from './pending-order.js';
import { STRINGS, pickLocale } from './strings.js';

export type ButtonState =
  'idle' | 'creating' | 'redirecting' | 'error' | 'waiting' | 'paid' | 'failed' | 'stale';

export interface PayButtonProps {
  readonly options: PayOptions;
  /** Tells the host element and the merchant's callbacks. */
  readonly emit: (
    type: 'status' | 'paid' | 'error' | 'redirect',
    detail: StatusDetail | ErrorDetail | { url: string },
  ) => void;
  /** Sends the top window to QIWI (injected so tests can watch it). */
  readonly navigate: (url: string) => void;
  /** The page's language and the order id QIWI appended to the return URL, if any. */
  readonly pageLang?: string;
  readonly returnedOrderId?: string;
}

export function orderKey(options: PayOptions): string {
  return options.item ? `item:${options.item}` : `token:${(options.orderToken ?? '').slice(-24)}`;
}

export function PayButton({ options, emit, navigate, pageLang, returnedOrderId }: PayButtonProps) {
  const t = STRINGS[pickLocale(options.locale, pageLang)];
  const [state, setState] = useState<ButtonState>('idle');
  const [error, setError] = useState<ErrorDetail | undefined>();
  const pending = useRef<PendingOrder | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  function fail(detail: ErrorDetail) {
    setError(detail);
    setState('error');
    emit('error', detail);
  }

  function poll(order: PendingOrder, attempt: number) {
    readStatus(order.backend, order.orderId, order.statusToken).then(
      (answer) => {
        emit('status', { orderId: answer.orderId, status: answer.status });
        if (answer.status === PAID) {
          forgetOrder();
          setState('paid');
          emit('paid', { orderId: answer.orderId, status: answer.status });
        } else if (FAILED.has(answer.status)) {
          forgetOrder();
          setState('failed');
        } else if (attempt + 1 >= MAX_POLLS) {
          setState('stale');
        } else {
          timer.current = setTimeout(() => poll(order, attempt + 1), pollDelayMs(attempt));
        }
      },
      () =>
        attempt + 1 >= MAX_POLLS
          ? setState('stale')
          : (timer.current = setTimeout(() => poll(order, attempt + 1), pollDelayMs(attempt))),
    );
  }

  useEffect(() => {
    const remembered = recallOrder(orderKey(options));
    if (remembered && (!returnedOrderId || returnedOrderId === remembered.orderId)) {
      pending.current = remembered;
      setState('waiting');
      poll(remembered, 0);
    }
    return () => clearTimeout(timer.current);
    // Only on mount: a remembered order is looked up once per page load.
  }, []);

  async function pay() {
    if (state === 'creating' || state === 'redirecting') return; // no double submit
    setState('creating');
    setError(undefined);
    try {
      const body = options.orderToken
        ? { orderToken: options.orderToken }
        : { item: options.item, ...(options.quantity ? { quantity: options.quantity } : {}) };
      const answer = await startCheckout(options.backend, {
        ...body,
        ...(options.flow ? { flow: options.flow } : {}),
        ...(options.paySource ? { paySource: options.paySource } : {}),
      });
      rememberOrder({
        orderId: answer.orderId,
        statusToken: answer.statusToken,
        backend: options.backend,
        key: orderKey(options),
      });
      emit('status', { orderId: answer.orderId, status: answer.status });
      setState('redirecting');
      emit('redirect', { url: answer.redirect.url });
      navigate(answer.redirect.url);
    } catch (e) {
      fail(
        e instanceof BackendError
          ? { code: e.code, message: e.message }
          : { code: 'unexpected', message: String(e) },
      );
    }
  }

  function checkAgain() {
    if (!pending.current) return;
    setState('waiting');
    poll(pending.current, 0);
  }

  function payAgain() {
    forgetOrder();
    pending.current = undefined;
    setState('idle');
  }

  const busy = state === 'creating' || state === 'redirecting' || state === 'waiting';
  const message: Record<ButtonState, string> = {
    idle: '',
    creating: t.creating,
    redirecting: t.redirecting,
    error: `${t.error}: ${error?.message ?? ''}`,
    waiting: t.waiting,
    paid: t.paid,
    failed: t.failed,
    stale: t.stillWaiting,
  };
  const classes = [options.theme ?? 'light', options.size ?? 'medium', state].join(' ');
  const button =
    state === 'paid' ? null : state === 'stale' ? (
      <button type="button" onClick={checkAgain}>
        {t.checkAgain}
      </button>
    ) : (
      <button type="button" onClick={state === 'failed' ? payAgain : pay} disabled={busy} aria-busy={busy}>
        {busy && <span class="spin" aria-hidden="true" />}
        {state === 'error'
          ? t.retry
          : state === 'failed'
            ? (options.label ?? t.pay)
            : busy
              ? message[state]
              : (options.label ?? t.pay)}
      </button>
    );
  return (
    <div class={`w ${classes}`}>
      {button}
      <p class={state === 'idle' ? 'sr' : 'msg'} role="status" aria-live="polite">
        {message[state]}
      </p>
    </div>
  );
}
