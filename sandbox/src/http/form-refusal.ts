import type { Response } from 'express';
import { describeResult } from '../core/result-codes.js';
import type { FormRefusal } from '../domain/form-outcome.js';
import { sendMessage, type PageOptions } from './html.js';
import type { Lang } from './pages/lang.js';
import { MESSAGES } from './pages/messages.js';

// The error pages of the web form (pull-rest-api-2.1.md §7), the pay form (bill-payments-rest-api-1.0.0.md
// §6) and the checkout (§8.2 return URLs): each refusal the domain gives becomes a page, in the payer's
// language, that says what is wrong and what to do; nothing was created. `protocol` picks the spec
// section the hint points to.

interface Page {
  status: number;
  title: string;
  message: string;
  hint?: string;
}

function english(r: FormRefusal, pull: boolean): Page {
  switch (r.reason) {
    case 'unknown-merchant':
      return pull
        ? {
            status: 400,
            title: 'Unknown merchant',
            message: `No project with from=${r.value || '(missing)'}.`,
            hint: 'Pass your prv_id as `from`.',
          }
        : {
            status: 400,
            title: 'Unknown merchant',
            message: `No merchant has public_key=${r.value || '(missing)'}.`,
            hint: 'Pass the public key of your QIWI Kassa account.',
          };
    case 'bad-signature':
      return {
        status: 403,
        title: 'Signature check failed',
        message: 'The sign parameter does not match; no bill was created.',
        hint: pull
          ? 'Sign api_id|currency|from|[lifetime|]summ|txn_id with HMAC-SHA256 and the API password (pull §7.4).'
          : 'Sign amount|bill_id|[lifetime|]public_key with HMAC-SHA256 keyed by secret_key (bill §6.3).',
      };
    case 'incomplete-signed':
      return {
        status: 400,
        title: 'Incomplete signed form',
        message: `${r.needs.replace(', ', ' and ')} are required in signed mode.`,
        hint: 'Add them and sign them.',
      };
    case 'unsigned-disabled':
      return {
        status: 403,
        title: 'Unsigned form disabled',
        message: 'This project accepts only signed web forms; no bill was created.',
        hint: 'Add api_id and sign (pull §7.4).',
      };
    case 'bad-currency':
      return {
        status: 400,
        title: 'Bad currency',
        message: `currency=${r.value || '(missing)'} is not an ISO 4217 code.`,
        hint: 'Use an alpha-3 code such as RUB.',
      };
    case 'currency-not-allowed':
      return {
        status: 400,
        title: 'Currency not allowed',
        message: `${describeResult(r.code)} (${r.value}).`,
        hint: 'Enable it in the sandbox config.',
      };
    case 'bad-bill-id':
      return {
        status: 400,
        title: `Bad ${r.name}`,
        message:
          `${describeResult(r.code)}: ${r.name} must be 1 to ${r.max} characters` +
          (r.alphabet ? ` from ${r.alphabet}, with no spaces` : '') +
          (pull ? ' (pull §7.3).' : ' (bill §6.2).'),
        hint: r.alphabet ? 'Use Latin letters and digits only.' : `Use at most ${r.max} characters.`,
      };
    case 'bill-exists':
      return {
        status: 409,
        title: 'Bill already exists',
        message: `${describeResult(r.code)} (${r.billId}) with another amount.`,
        hint: `Use a new ${r.name} for a new order.`,
      };
    case 'bad-text':
      return {
        status: 400,
        title: `Bad ${r.name}`,
        message: `${describeResult(r.code)}: ${r.name} must be at most ${r.max} characters, without control characters.`,
        hint: 'Remove control characters and shorten the text.',
      };
    case 'past-lifetime':
      return {
        status: 400,
        title: 'Deadline in the past',
        message: `${describeResult(r.code)}: lifetime=${r.value} is already over.`,
        hint: 'Send a future Moscow time as YYYY-MM-DDThhmm, or leave lifetime out for the default.',
      };
    case 'foreign-return-url':
      return {
        status: 400,
        title: "Return address not on the merchant's site",
        message: `${r.name}=${r.url} must be on the merchant's site (pull §8.2).`,
        hint: 'Use an address on one of the site origins configured for this account (siteOrigins).',
      };
  }
}

function russian(r: FormRefusal, pull: boolean): Page {
  const code = (n: number) => `${MESSAGES.ru.result(n)} (код ${n})`;
  switch (r.reason) {
    case 'unknown-merchant':
      return pull
        ? {
            status: 400,
            title: 'Неизвестный магазин',
            message: `Нет проекта с from=${r.value || '(не указан)'}.`,
            hint: 'Передайте свой prv_id в параметре `from`.',
          }
        : {
            status: 400,
            title: 'Неизвестный магазин',
            message: `Нет магазина с public_key=${r.value || '(не указан)'}.`,
            hint: 'Передайте открытый ключ своего аккаунта QIWI Кассы.',
          };
    case 'bad-signature':
      return {
        status: 403,
        title: 'Подпись не сошлась',
        message: 'Параметр sign не совпадает; счёт не выставлен.',
        hint: pull
          ? 'Подпишите api_id|currency|from|[lifetime|]summ|txn_id через HMAC-SHA256 паролем API (pull §7.4).'
          : 'Подпишите amount|bill_id|[lifetime|]public_key через HMAC-SHA256 ключом secret_key (bill §6.3).',
      };
    case 'incomplete-signed':
      return {
        status: 400,
        title: 'Подписанная форма неполна',
        message: `В подписанной форме обязательны ${r.needs}.`,
        hint: 'Добавьте их и подпишите.',
      };
    case 'unsigned-disabled':
      return {
        status: 403,
        title: 'Форма без подписи отключена',
        message: 'Этот проект принимает только подписанные формы; счёт не выставлен.',
        hint: 'Добавьте api_id и sign (pull §7.4).',
      };
    case 'bad-currency':
      return {
        status: 400,
        title: 'Неверная валюта',
        message: `currency=${r.value || '(не указана)'} — не код ISO 4217.`,
        hint: 'Укажите буквенный код, например RUB.',
      };
    case 'currency-not-allowed':
      return {
        status: 400,
        title: 'Валюта не разрешена',
        message: `Валюта ${r.value} не разрешена магазину (код ${r.code}).`,
        hint: 'Включите её в настройках песочницы.',
      };
    case 'bad-bill-id':
      return {
        status: 400,
        title: `Неверный ${r.name}`,
        message:
          `${code(r.code)}: ${r.name} — от 1 до ${r.max} символов` +
          (r.alphabet ? ` из ${r.alphabet}, без пробелов` : '') +
          (pull ? ' (pull §7.3).' : ' (bill §6.2).'),
        hint: r.alphabet ? 'Используйте только латинские буквы и цифры.' : `Не больше ${r.max} символов.`,
      };
    case 'bill-exists':
      return {
        status: 409,
        title: 'Счёт уже существует',
        message: `Счёт ${r.billId} уже выставлен на другую сумму (код ${r.code}).`,
        hint: `Для нового заказа нужен новый ${r.name}.`,
      };
    case 'bad-text':
      return {
        status: 400,
        title: `Неверный ${r.name}`,
        message: `${code(r.code)}: ${r.name} — не больше ${r.max} символов, без управляющих символов.`,
        hint: 'Уберите управляющие символы и сократите текст.',
      };
    case 'past-lifetime':
      return {
        status: 400,
        title: 'Срок оплаты уже прошёл',
        message: `${code(r.code)}: lifetime=${r.value} уже в прошлом.`,
        hint: 'Передайте будущее московское время в виде YYYY-MM-DDThhmm или не передавайте lifetime.',
      };
    case 'foreign-return-url':
      return {
        status: 400,
        title: 'Адрес возврата не на сайте магазина',
        message: `${r.name}=${r.url} должен быть на сайте магазина (pull §8.2).`,
        hint: 'Используйте адрес на одном из сайтов, указанных для этого аккаунта (siteOrigins).',
      };
  }
}

export function sendRefusal(
  res: Response,
  refusal: FormRefusal,
  protocol: 'pull' | 'bill',
  lang: Lang = 'en',
  page: PageOptions = {},
): void {
  const text = (lang === 'ru' ? russian : english)(refusal, protocol === 'pull');
  sendMessage(res, text.status, text.title, text.message, text.hint, {
    lang,
    brand: MESSAGES[lang].brand,
    ...page,
  });
}
