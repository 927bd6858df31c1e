// The payment's state machine, pure: `next(state, event)` says where a button goes, and nothing else.
// The mount (mounted-button.ts) turns the world into events — a press, the server's answers, timers —
// and runs the effect of each state it enters (checkout, navigation, polling).
//
//   idle ─press→ creating ─created→ redirecting ─back→ waiting ─paid/failed→ paid | failed
//                   │                    ▲                 └─patience→ incomplete ─press┘
//                   └─error→ error ─press (retryable)→ creating
//   failed ─press (a new order can be made)→ creating
//
// `ready`, `found`, `missing` and `invalid` come from (re)configuring and apply in any state; every
// other event that does not fit the state (a late answer, a press while busy) changes nothing.

export type StateKind =
  'idle' | 'creating' | 'redirecting' | 'error' | 'waiting' | 'incomplete' | 'paid' | 'failed' | 'missing';

export interface PaymentState {
  readonly kind: StateKind;
  /** error: pressing again can help; failed: pressing makes a new order. */
  readonly retryable?: boolean;
  /** failed: the order's final status, e.g. rejected, unpaid or expired (DESIGN.md order statuses). */
  readonly reason?: string;
}

export type PaymentEvent =
  | {
      readonly type:
        | 'press'
        /** The checkout answered a QIWI page for a new order. */
        | 'created'
        /** The page is still here after the navigation to QIWI started. */
        | 'back'
        /** About half a minute of polling without a final status. */
        | 'patience'
        | 'paid'
        /** The server cannot tell about the watched order (token expired, order unknown). */
        | 'lost'
        /** Configured: a button ready to pay. */
        | 'ready'
        /** Configured: a remembered order to watch. */
        | 'found'
        /** Configured: a return element with no order to show. */
        | 'missing'
        /** Configured with options the page must fix. */
        | 'invalid';
    }
  | { readonly type: 'failed'; readonly reason: string; readonly retryable: boolean }
  /** The checkout did not start. */
  | { readonly type: 'error'; readonly retryable: boolean };

const is = (kind: StateKind): PaymentState => ({ kind });

export function next(state: PaymentState, event: PaymentEvent): PaymentState {
  const { kind, retryable } = state;
  const watching = kind === 'waiting' || kind === 'incomplete';
  // Where a status can arrive: the checkout's answer, or a poll.
  const open = watching || kind === 'creating';
  switch (event.type) {
    case 'press':
      if (kind === 'incomplete') return is('redirecting');
      return kind === 'idle' || ((kind === 'error' || kind === 'failed') && retryable)
        ? is('creating')
        : state;
    case 'created':
      return kind === 'creating' ? is('redirecting') : state;
    case 'back':
      return kind === 'redirecting' ? is('waiting') : state;
    case 'patience':
      return kind === 'waiting' ? is('incomplete') : state;
    case 'paid':
      return open ? is('paid') : state;
    case 'failed':
      return open ? { kind: 'failed', reason: event.reason, retryable: event.retryable } : state;
    case 'error':
      return kind === 'creating' ? { kind: 'error', retryable: event.retryable } : state;
    case 'lost':
      return watching ? is('idle') : state;
    case 'invalid':
      return { kind: 'error', retryable: false };
    case 'ready':
      return is('idle');
    case 'found':
      return is('waiting');
    case 'missing':
      return is('missing');
  }
}
