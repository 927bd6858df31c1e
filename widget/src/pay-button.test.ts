import { screen } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaymentState, StateKind } from './machine';
import { renderPayButton, clearPayButton, type PayButtonProps } from './pay-button';
import { STRINGS, type Locale } from './strings';

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<div></div>';
  root = document.body.firstElementChild as HTMLElement;
});

const show = (state: PaymentState, locale: Locale = 'en', over: Partial<PayButtonProps> = {}) => {
  const onPress = vi.fn();
  renderPayButton(root, {
    state,
    strings: STRINGS[locale],
    theme: 'light',
    size: 'medium',
    onPress,
    ...over,
  });
  return { onPress };
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
    declined: 'Payment declined. Try again',
    'payment error': 'Payment error. Try again',
    expired: 'Payment expired. Try again',
    'failed otherwise': 'Payment failed. Try again',
    'declined, no new order possible': 'Payment declined',
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
    declined: 'Платёж отклонён. Повторить',
    'payment error': 'Ошибка оплаты. Повторить',
    expired: 'Срок оплаты истёк. Повторить',
    'failed otherwise': 'Оплата не прошла. Повторить',
    'declined, no new order possible': 'Платёж отклонён',
  },
};

type Look = { busy: boolean; inactive: boolean; look: string };
const STATES: [string, PaymentState, Look][] = [
  ['idle', { kind: 'idle' }, { busy: false, inactive: false, look: '' }],
  ['creating', { kind: 'creating' }, { busy: true, inactive: true, look: '' }],
  ['redirecting', { kind: 'redirecting' }, { busy: true, inactive: true, look: '' }],
  ['error', { kind: 'error', retryable: true }, { busy: false, inactive: false, look: '' }],
  ['unavailable', { kind: 'error', retryable: false }, { busy: false, inactive: true, look: 'off' }],
  ['waiting', { kind: 'waiting' }, { busy: true, inactive: true, look: '' }],
  ['incomplete', { kind: 'incomplete' }, { busy: false, inactive: false, look: '' }],
  ['paid', { kind: 'paid' }, { busy: false, inactive: true, look: 'ok' }],
  [
    'declined',
    { kind: 'failed', reason: 'rejected', retryable: true },
    { busy: false, inactive: false, look: 'no' },
  ],
  [
    'payment error',
    { kind: 'failed', reason: 'unpaid', retryable: true },
    { busy: false, inactive: false, look: 'no' },
  ],
  [
    'expired',
    { kind: 'failed', reason: 'expired', retryable: true },
    { busy: false, inactive: false, look: 'no' },
  ],
  [
    'failed otherwise',
    { kind: 'failed', reason: 'cancelled', retryable: true },
    { busy: false, inactive: false, look: 'no' },
  ],
  [
    'declined, no new order possible',
    { kind: 'failed', reason: 'rejected', retryable: false },
    { busy: false, inactive: true, look: 'off' },
  ],
];

describe.each(['en', 'ru'] as const)('the button in %s', (locale) => {
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
    expect(screen.getByRole('status').className).toBe('sr');
  });

  it('missing (a return page with no order): no button, the neutral sentence shown', () => {
    show({ kind: 'missing' }, locale);
    expect(screen.queryByRole('button')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(STRINGS[locale].missing);
    expect(status.className).toBe('');
    expect(status.textContent).not.toMatch(/unavailable|недоступна/i);
  });
});

describe('the button', () => {
  it.each(STATES)('%s: looks like its kind of state (success, failure, disabled)', (_, state, { look }) => {
    show(state, 'en', { theme: 'dark', size: 'small' });
    expect(screen.getByRole('button').className).toBe(look ? `dark small ${look}` : 'dark small');
  });

  it('marks success with a check mark hidden from assistive technology', () => {
    show({ kind: 'paid' });
    const check = screen.getByRole('button').querySelector('span')!;
    expect(check.textContent).toBe('✓');
    expect(check.getAttribute('aria-hidden')).toBe('true');
    show({ kind: 'waiting' });
    expect(document.querySelector('.sp')!.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelectorAll('button span')).toHaveLength(1);
  });

  it('shows a custom label only when idle', () => {
    show({ kind: 'idle' }, 'en', { label: 'Buy the mug' });
    expect(screen.getByRole('button', { name: 'Buy the mug' })).toBeTruthy();
    show({ kind: 'creating' }, 'en', { label: 'Buy the mug' });
    expect(screen.getByRole('button', { name: 'Opening QIWI…' })).toBeTruthy();
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

  it.each(['creating', 'waiting', 'paid'] as StateKind[])(
    'keeps the same focused button into %s',
    async (kind) => {
      const user = userEvent.setup();
      show({ kind: 'idle' });
      await user.tab();
      const focused = document.activeElement;
      show({ kind });
      expect(screen.getByRole('button')).toBe(focused);
      expect(document.activeElement).toBe(focused);
    },
  );

  it('is removed entirely by clearPayButton', () => {
    show({ kind: 'paid' });
    clearPayButton(root);
    expect(root.childNodes).toHaveLength(0);
  });
});
