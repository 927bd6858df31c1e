// Every word the shopper sees, in one table so both languages always have the same keys. Each
// button text is also its accessible name, so what a screen reader says matches what is shown
// (WCAG 2.5.3, label in name).

export type Locale = 'en' | 'ru';

/**
 * The idle label, one text per other state (named like the state), why an order failed (named
 * like its final status: rejected, unpaid, expired), what to do when pressing can help (`again`,
 * appended), and the texts of the unusable button and of a return page with no order.
 */
export interface Strings {
  readonly pay: string;
  readonly creating: string;
  readonly redirecting: string;
  readonly error: string;
  readonly again: string;
  readonly unavailable: string;
  readonly waiting: string;
  readonly incomplete: string;
  readonly paid: string;
  readonly failed: string;
  readonly rejected: string;
  readonly unpaid: string;
  readonly expired: string;
  readonly missing: string;
}

// The shopper sees one busy text from the press until QIWI's page opens: creating the bill is
// part of opening QIWI.
const OPENING = { en: 'Opening QIWI…', ru: 'Открываем QIWI…' };

export const STRINGS: Readonly<Record<Locale, Strings>> = {
  en: {
    pay: 'Pay with QIWI',
    creating: OPENING.en,
    redirecting: OPENING.en,
    error: 'Payment did not start',
    again: '. Try again',
    unavailable: 'Payment unavailable',
    waiting: 'Waiting for payment…',
    incomplete: 'Payment not finished. Continue',
    paid: 'Paid',
    failed: 'Payment failed',
    rejected: 'Payment declined',
    unpaid: 'Payment error',
    expired: 'Payment expired',
    missing: "We could not find your order here. Check your e-mail or the shop's order page.",
  },
  ru: {
    pay: 'Оплатить через QIWI',
    creating: OPENING.ru,
    redirecting: OPENING.ru,
    error: 'Оплата не началась',
    again: '. Повторить',
    unavailable: 'Оплата недоступна',
    waiting: 'Ждём оплату…',
    incomplete: 'Оплата не завершена. Продолжить',
    paid: 'Оплачено',
    failed: 'Оплата не прошла',
    rejected: 'Платёж отклонён',
    unpaid: 'Ошибка оплаты',
    expired: 'Срок оплаты истёк',
    missing: 'Мы не нашли здесь ваш заказ. Проверьте почту или страницу заказа в магазине.',
  },
};

/**
 * The explicit choice wins; otherwise the language of the element's nearest `lang` (which falls
 * back to `<html lang>`). Anything that is not Russian gets English.
 */
export function pickLocale(explicit: string | undefined, element: Element): Locale {
  const lang = explicit || element.closest('[lang]')?.getAttribute('lang') || '';
  return /^ru\b/i.test(lang) ? 'ru' : 'en';
}
