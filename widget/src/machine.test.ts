import { describe, expect, it } from 'vitest';
import { next, type PaymentEvent, type PaymentState } from './machine';

// Every state a button can be in (error and failed with and without a way forward)…
const STATES: Record<string, PaymentState> = {
  idle: { kind: 'idle' },
  creating: { kind: 'creating' },
  redirecting: { kind: 'redirecting' },
  'error (retryable)': { kind: 'error', retryable: true },
  unavailable: { kind: 'error', retryable: false },
  waiting: { kind: 'waiting' },
  incomplete: { kind: 'incomplete' },
  paid: { kind: 'paid' },
  'failed (a new order possible)': { kind: 'failed', reason: 'rejected', retryable: true },
  'failed (final)': { kind: 'failed', reason: 'rejected', retryable: false },
  missing: { kind: 'missing' },
};

// …every event…
const EVENTS: Record<string, PaymentEvent> = {
  press: { type: 'press' },
  created: { type: 'created' },
  back: { type: 'back' },
  patience: { type: 'patience' },
  paid: { type: 'paid' },
  'failed expired, renewable': { type: 'failed', reason: 'expired', retryable: true },
  'error retryable': { type: 'error', retryable: true },
  'error final': { type: 'error', retryable: false },
  lost: { type: 'lost' },
  ready: { type: 'ready' },
  found: { type: 'found' },
  missing: { type: 'missing' },
  invalid: { type: 'invalid' },
};

const S = (kind: PaymentState['kind'], more: Partial<PaymentState> = {}): PaymentState => ({ kind, ...more });
const EXPIRED = S('failed', { reason: 'expired', retryable: true });

// …and where each event takes each state; a state not listed under an event stays exactly as it was
// (the same object: nothing to draw, no effect to run).
const MOVES: Record<string, Record<string, PaymentState>> = {
  // Busy, paid, final and missing states ignore presses.
  press: {
    idle: S('creating'),
    'error (retryable)': S('creating'),
    'failed (a new order possible)': S('creating'),
    // Continue: back to QIWI's page for the same order.
    incomplete: S('redirecting'),
  },
  created: { creating: S('redirecting') },
  back: { redirecting: S('waiting') },
  patience: { waiting: S('incomplete') },
  paid: { creating: S('paid'), waiting: S('paid'), incomplete: S('paid') },
  'failed expired, renewable': { creating: EXPIRED, waiting: EXPIRED, incomplete: EXPIRED },
  'error retryable': { creating: S('error', { retryable: true }) },
  'error final': { creating: S('error', { retryable: false }) },
  lost: { waiting: S('idle'), incomplete: S('idle') },
  // Configuring applies in any state.
  ready: Object.fromEntries(Object.keys(STATES).map((s) => [s, S('idle')])),
  found: Object.fromEntries(Object.keys(STATES).map((s) => [s, S('waiting')])),
  missing: Object.fromEntries(Object.keys(STATES).map((s) => [s, S('missing')])),
  invalid: Object.fromEntries(Object.keys(STATES).map((s) => [s, S('error', { retryable: false })])),
};

const CASES = Object.entries(EVENTS).flatMap(([eventName, event]) =>
  Object.entries(STATES).map(([stateName, state]) => [eventName, stateName, event, state] as const),
);

describe('next(state, event)', () => {
  it('covers every event', () => {
    expect(Object.keys(MOVES).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it.each(CASES)('%s in %s', (eventName, stateName, event, state) => {
    const expected = MOVES[eventName]![stateName];
    const result = next(state, event);
    if (expected) {
      expect(result).toEqual(expected);
      // A new state is a new object, so the mount draws it and runs its effect, even `waiting` again.
      expect(result).not.toBe(state);
    } else {
      expect(result).toBe(state);
    }
  });

  it('is pure: the same input gives the same output and the input is not changed', () => {
    for (const [, , event, state] of CASES) {
      const before = JSON.stringify(state);
      expect(next(state, event)).toEqual(next(state, event));
      expect(JSON.stringify(state)).toBe(before);
    }
  });

  it('takes a shopper from the first press to paid, and from a decline to a new order', () => {
    const walk = (events: PaymentEvent[]) => events.reduce(next, S('idle')).kind;
    expect(walk([{ type: 'press' }, { type: 'created' }, { type: 'back' }, { type: 'paid' }])).toBe('paid');
    expect(
      walk([
        { type: 'press' },
        { type: 'created' },
        { type: 'back' },
        { type: 'failed', reason: 'rejected', retryable: true },
        { type: 'press' },
      ]),
    ).toBe('creating');
    // A late answer after the shopper moved on changes nothing.
    expect(walk([{ type: 'press' }, { type: 'error', retryable: true }, { type: 'created' }])).toBe('error');
  });
});
