import { formatAmount } from '../../core/money.js';
import { formatMoscow } from '../../core/moscow-time.js';
import type { Lang } from './lang.js';

// Amounts and deadlines as a shopper reads them: "250,00 ₽" / "₽250.00", "1 декабря 2026, 15:30 МСК" /
// "1 December 2026, 15:30 MSK". Deadlines are Moscow time (pull-rest-api-2.1.md §4.5). Amounts go to
// Intl as the exact decimal string, never as a float.

const LOCALE: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

const MONTHS: Record<Lang, readonly string[]> = {
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const MOSCOW: Record<Lang, string> = { ru: 'МСК', en: 'MSK' };

export function formatMoney(minor: number, ccy: string, lang: Lang): string {
  const format = new Intl.NumberFormat(LOCALE[lang], {
    style: 'currency',
    currency: ccy,
    currencyDisplay: 'narrowSymbol',
  });
  // Intl.NumberFormat reads a decimal string exactly (ECMA-402 "StringNumericLiteral").
  return format.format(formatAmount(minor) as `${number}`);
}

export function formatDeadline(epochMs: number, lang: Lang): string {
  const [date = '', time = ''] = formatMoscow(epochMs).split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[lang][month - 1] ?? ''} ${year}, ${time.slice(0, 5)} ${MOSCOW[lang]}`;
}
