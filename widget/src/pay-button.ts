// What the shopper sees, written straight to the DOM: one native button whose text is the current
// state — and so its accessible name — and a polite live region that announces every change. The
// same button element is kept across states, so keyboard focus stays on it while it works. Busy and
// final states use aria-disabled rather than `disabled`; the state machine ignores presses it cannot
// honour. A return page with no order to show has no button, only its neutral sentence.
//
// No view library: one button does not need a virtual DOM, and Preact was half of a file with a hard
// size budget (scripts/bundle.test.ts).

import type { PaymentState } from './machine';
import type { Size, Theme } from './options';
import type { Strings } from './strings';

export interface PayButtonProps {
  readonly state: PaymentState;
  readonly strings: Strings;
  readonly theme: Theme;
  readonly size: Size;
  readonly label?: string;
  readonly onPress: () => void;
}

const FAILURES = ['rejected', 'unpaid', 'expired'];

/** The button's text: its accessible name too. */
export function buttonText({ state: { kind, retryable, reason }, strings, label }: PayButtonProps): string {
  if (kind === 'idle') return label || strings.pay;
  if (kind === 'error') return retryable ? strings.error + strings.again : strings.unavailable;
  if (kind === 'failed') {
    const why = strings[FAILURES.includes(reason!) ? (reason as 'rejected') : 'failed'];
    return retryable ? why + strings.again : why;
  }
  return strings[kind];
}

const flag = (element: Element, name: string, on: unknown) =>
  on ? element.setAttribute(name, 'true') : element.removeAttribute(name);

const span = (className: string, text = '') => {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  s.setAttribute('aria-hidden', 'true');
  return s;
};

/** Draws the props into `root` (a mount point in the shadow root), reusing what is there. */
export function renderPayButton(root: Element, props: PayButtonProps): void {
  const { kind, retryable } = props.state;
  let [button, live] = root.children as unknown as [HTMLButtonElement, HTMLElement];
  if (!live) {
    button = root.appendChild(document.createElement('button'));
    button.type = 'button';
    live = root.appendChild(document.createElement('p'));
    live.setAttribute('role', 'status');
  }
  const text = buttonText(props);
  const busy = kind === 'creating' || kind === 'redirecting' || kind === 'waiting';
  // Looks disabled: nothing a press can do (bad setup, a failed order no new order can replace).
  const off = (kind === 'error' || kind === 'failed') && !retryable;
  button.className =
    props.theme +
    ' ' +
    props.size +
    (kind === 'paid' ? ' ok' : off ? ' off' : kind === 'failed' ? ' no' : '');
  flag(button, 'aria-disabled', busy || off || kind === 'paid');
  flag(button, 'aria-busy', busy);
  button.onclick = props.onPress;
  button.hidden = kind === 'missing';
  button.replaceChildren(...(busy ? [span('sp')] : kind === 'paid' ? [span('ck', '✓')] : []), text);
  // Hidden from sight except where it is all there is: the return page's "no order here".
  live.className = kind === 'missing' ? '' : 'sr';
  live.textContent = kind === 'idle' ? '' : text;
}

/** Removes what renderPayButton drew. */
export const clearPayButton = (root: Element) => root.replaceChildren();
