// Written with `h` rather than JSX: `h` is in the bundle anyway, while the JSX runtime would add
// about 200 bytes gzip to a file with a hard size budget.
//
// What the shopper sees: one native button whose text is the current state — and so its accessible
// name — and a polite live region that announces every change. Busy and final states use
// aria-disabled rather than `disabled`, so the button keeps keyboard focus while it works; the
// controller ignores presses it cannot honour.

import { h } from 'preact';
import type { Size, Theme } from './options';
import type { PaymentState } from './mounted-button';
import type { Strings } from './strings';

export interface PayButtonProps {
  readonly state: PaymentState;
  readonly strings: Strings;
  readonly theme: Theme;
  readonly size: Size;
  readonly label?: string;
  readonly onPress: () => void;
}

export function PayButton({
  state: { kind, retryable },
  strings,
  theme,
  size,
  label,
  onPress,
}: PayButtonProps) {
  const unavailable = kind === 'error' && !retryable;
  const text = unavailable ? strings.unavailable : kind === 'idle' ? label || strings.pay : strings[kind];
  const busy = kind === 'creating' || kind === 'redirecting' || kind === 'waiting';
  // A fragment, not a wrapper: the theme and size classes sit on the button itself.
  return [
    h(
      'button',
      {
        type: 'button',
        class: theme + ' ' + size,
        'aria-disabled': busy || unavailable || kind === 'paid' || undefined,
        'aria-busy': busy || undefined,
        onClick: onPress,
      },
      busy && h('span', { class: 'sp', 'aria-hidden': 'true' }),
      kind === 'paid' && h('span', { 'aria-hidden': 'true' }, '✓'),
      text,
    ),
    h('p', { class: 'sr', role: 'status' }, kind === 'idle' ? '' : text),
  ];
}
