// Every word the button says, Russian and English in one table.

export type Locale = 'ru' | 'en';

export const STRINGS = {
  ru: {
    pay: 'Оплатить через QIWI',
    creating: 'Создаём счёт…',
    redirecting: 'Переходим в QIWI…',
    retry: 'Повторить',
    waiting: 'Ждём оплату…',
    paid: 'Оплачено',
    failed: 'Оплата не прошла',
    checkAgain: 'Проверить ещё раз',
    stillWaiting: 'Оплата ещё не подтверждена',
    error: 'Не удалось начать оплату',
  },
  en: {
    pay: 'Pay with QIWI',
    creating: 'Creating the bill…',
    redirecting: 'Going to QIWI…',
    retry: 'Try again',
    waiting: 'Waiting for payment…',
    paid: 'Paid',
    failed: 'Payment failed',
    checkAgain: 'Check again',
    stillWaiting: 'Payment not confirmed yet',
    error: 'Could not start the payment',
  },
} as const;

export type Strings = (typeof STRINGS)[Locale];

/** The attribute wins; otherwise the page's language; Russian pages get Russian, the rest English. */
export function pickLocale(requested: string | undefined, pageLang: string | undefined): Locale {
  const lang = (requested || pageLang || 'en').toLowerCase();
  return lang.startsWith('ru') ? 'ru' : 'en';
}
