import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayButton } from './PayButton';
import type { PaymentState, StateKind } from './mounted-button';
import { STRINGS, type Locale } from './strings';

afterEach(cleanup);

const show = (state: PaymentState, locale: Locale = 'en', over = {}) => {
  const onPress = vi.fn();
  const view = render(
    <PayButton
      state={state}
      strings={STRINGS[locale]}
      theme="light"
      size="medium"
      onPress={onPress}
      {...over}
    />,
  );
  return { onPress, ...view };
};

// Every state, in both languages: the accessible name is exactly the visible text.
const NAMES: Record<Locale, Record<string, string>> = {
  en: {
    idle: 'Pay with QIWI',
    creating: 'Opening QIWI…',
    redirecting: 'Opening QIWI…',
    error: 'Payment did not start. Try again',
    unavailable: 'Payment unavailable',
    waiting: 'Waiting for payment…',
    incomplete: 'Payment not finished. Continue',
    paid: 'Paid',
    failed: 'Payment failed. Try again',
  },
  ru: {
    idle: 'Оплатить через QIWI',
    creating: 'Открываем QIWI…',
    redirecting: 'Открываем QIWI…',
    error: 'Оплата не началась. Повторить',
    unavailable: 'Оплата недоступна',
    waiting: 'Ждём оплату…',
    incomplete: 'Оплата не завершена. Продолжить',
    paid: 'Оплачено',
    failed: 'Оплата не прошла. Повторить',
  },
};

const STATES: [string, PaymentState, { busy: boolean; inactive: boolean }][] = [
  ['idle', { kind: 'idle' }, { busy: false, inactive: false }],
  ['creating', { kind: 'creating' }, { busy: true, inactive: true }],
  ['redirecting', { kind: 'redirecting' }, { busy: true, inactive: true }],
  ['error', { kind: 'error', retryable: true }, { busy: false, inactive: false }],
  ['unavailable', { kind: 'error', retryable: false }, { busy: false, inactive: true }],
  ['waiting', { kind: 'waiting' }, { busy: true, inactive: true }],
  ['incomplete', { kind: 'incomplete' }, { busy: false, inactive: false }],
  ['paid', { kind: 'paid' }, { busy: false, inactive: true }],
  ['failed', { kind: 'failed' }, { busy: false, inactive: false }],
];

describe.each(['en', 'ru'] as const)('PayButton in %s', (locale) => {
  it.each(STATES)('%s: one native button named by its visible text', (name, state, { busy, inactive }) => {
    show(state, locale);
    const button = screen.getByRole('button', { name: NAMES[locale][name] });
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    // aria-disabled, never `disabled`: the button keeps focus while it works.
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe(inactive ? 'true' : null);
    expect(button.getAttribute('aria-busy')).toBe(busy ? 'true' : null);
  });

  it.each(STATES)('%s: announced through the live region', (name, state) => {
    show(state, locale);
    expect(screen.getByRole('status').textContent).toBe(name === 'idle' ? '' : NAMES[locale][name]);
  });
});

describe('PayButton', () => {
  it('shows a custom label only when idle', () => {
    const { rerender } = show({ kind: 'idle' }, 'en', { label: 'Buy the mug' });
    expect(screen.getByRole('button', { name: 'Buy the mug' })).toBeTruthy();
    rerender(
      <PayButton
        state={{ kind: 'creating' }}
        strings={STRINGS.en}
        theme="light"
        size="medium"
        label="Buy the mug"
        onPress={() => {}}
      />,
    );
    expect(screen.getByRole('button', { name: 'Opening QIWI…' })).toBeTruthy();
  });

  it('carries theme and size as classes for the stylesheet', () => {
    show({ kind: 'idle' }, 'en', { theme: 'outline', size: 'large' });
    expect(screen.getByRole('button').className).toBe('outline large');
  });

  it('hides decorations from assistive technology', () => {
    const { container } = show({ kind: 'paid' });
    expect(container.querySelector('button span')!.getAttribute('aria-hidden')).toBe('true');
    show({ kind: 'waiting' });
    expect(document.querySelector('.sp')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('writes no inline style attribute (strict CSP)', () => {
    for (const [, state] of STATES) show(state);
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('is reached with Tab and pressed with Enter or Space', async () => {
    const user = userEvent.setup();
    const { onPress } = show({ kind: 'idle' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button'));
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onPress).toHaveBeenCalledTimes(2);
  });

  it.each(['creating', 'waiting', 'paid'] as StateKind[])('keeps focus while %s', async (kind) => {
    const user = userEvent.setup();
    show({ kind });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button'));
  });
});
