import type { BillStatus } from '../../core/bill-state.js';
import { describeResult } from '../../core/result-codes.js';
import type { Lang } from './lang.js';

// Every word of the hosted checkout, prompts and outcome pages, in Russian and English. The English
// button names are what the e2e page objects click (e2e/support/pages.ts), so they stay as they are.

export interface Messages {
  brand: string;
  otherLanguage: { lang: Lang; label: string };
  payBill(billId: string): string;
  merchant: string;
  bill: string;
  amount: string;
  comment: string;
  payer: string;
  status: string;
  payBefore: string;
  statusName: Record<BillStatus, string>;
  outcomes: Record<'wallet' | 'card' | 'error' | 'decline' | 'leave', string>;
  chooseOutcome: string;
  walletOnlyReturns: string;
  preselected(method: string): string;
  unavailableMethod(method: string): string;
  methods: Record<string, string>;
  noLongerPayable(status: string): string;
  backToShop: string;
  leftTitle: string;
  stillStatus(billId: string, status: string): string;
  paidTitle: string;
  paidByCard(billId: string, status: string): string;
  notCompletedTitle: string;
  nowStatus(billId: string, status: string): string;
  cannotPayTitle: string;
  cannotPay(billId: string, status: string): string;
  phoneLabel: string;
  phoneHint: string;
  phoneHintSms: string;
  amountLabel(ccy: string): string;
  amountHint: string;
  commentLabel: string;
  createTitle: string;
  createSubmit: string;
  confirmTitle: string;
  confirmSubmit: string;
  asksToPay(merchant: string, amount: string | undefined): string;
  result(code: number): string;
  fixPhone: string;
  tryOtherPhone: string;
  checkAmount: string;
  errors: {
    notSpecified: { title: string; message: string; hint: string };
    notFound: { title: string; message: string; hint: string };
    gone: { title: string; message: string; hint: string };
    unknownChoice: { title: string; message: (outcome: string) => string; hint: string };
  };
}

// The §11 descriptions (pull-rest-api-2.1.md) a payer can meet on a page.
const RESULT_RU: Readonly<Record<number, string>> = {
  5: 'Неверные данные в параметрах запроса',
  241: 'Сумма слишком мала',
  242: 'Сумма слишком велика',
  298: 'Кошелёк с таким номером не зарегистрирован',
  303: 'Неверный номер телефона',
  341: 'Обязательный параметр не указан или неверен',
  774: 'Кошелёк временно заблокирован',
  934: 'Регион не поддерживается',
  1018: 'Страна не поддерживается',
  1019: 'Не удалось определить оператора мобильной связи',
};

export const MESSAGES: Record<Lang, Messages> = {
  en: {
    brand: 'QIWI sandbox',
    otherLanguage: { lang: 'ru', label: 'Русский' },
    payBill: (id) => `Pay bill ${id}`,
    merchant: 'Merchant',
    bill: 'Bill',
    amount: 'Amount',
    comment: 'Comment',
    payer: 'Payer',
    status: 'Status',
    payBefore: 'Pay before',
    statusName: {
      waiting: 'waiting',
      paid: 'paid',
      rejected: 'rejected',
      unpaid: 'unpaid',
      expired: 'expired',
    },
    outcomes: {
      wallet: 'Pay from QIWI Wallet balance',
      card: 'Pay by card',
      error: 'Simulate payment error',
      decline: 'Decline',
      leave: 'Leave without paying',
    },
    chooseOutcome: 'Choose how this payment ends',
    walletOnlyReturns:
      'Only a payment from the wallet balance returns you to the shop by itself (the redirect is not proof of payment).',
    preselected: (m) => `Pre-selected payment method: ${m}.`,
    unavailableMethod: (m) => `Payment method "${m}" is not available here; choose another.`,
    methods: {
      qw: 'QIWI Wallet balance',
      card: 'bank card',
      mobile: 'mobile phone balance',
      wm: 'WebMoney',
      ssk: 'cash at a QIWI kiosk',
    },
    noLongerPayable: (s) => `This bill is ${s}; it can no longer be paid.`,
    backToShop: 'Return to the shop',
    leftTitle: 'You left the checkout',
    stillStatus: (id, s) => `Bill ${id} is still ${s}.`,
    paidTitle: 'Payment received',
    paidByCard: (id, s) =>
      `Paid by card. Bill ${id} is ${s}; card payments do not return to the shop on their own.`,
    notCompletedTitle: 'Payment not completed',
    nowStatus: (id, s) => `Bill ${id} is now ${s}.`,
    cannotPayTitle: 'Bill cannot be paid',
    cannotPay: (id, s) => `Bill ${id} is ${s}; nothing was changed.`,
    phoneLabel: 'QIWI Wallet phone number',
    phoneHint: 'International format, e.g. +79161234567',
    phoneHintSms: 'International format, e.g. +79161234567. Confirming stands in for the SMS code.',
    amountLabel: (ccy) => `Amount (${ccy})`,
    amountHint: 'For example 100.00',
    commentLabel: 'Comment (optional)',
    createTitle: 'Create a QIWI bill',
    createSubmit: 'Continue to payment',
    confirmTitle: 'Confirm payment',
    confirmSubmit: 'Confirm',
    asksToPay: (m, a) => (a ? `${m} asks you to pay ${a}.` : `${m} asks you to pay.`),
    result: describeResult,
    fixPhone: 'enter the phone number as +79161234567.',
    tryOtherPhone: 'try another phone number.',
    checkAmount: 'check the amount.',
    errors: {
      notSpecified: {
        title: 'Bill not specified',
        message: 'This page needs shop and transaction (or uid).',
        hint: 'Build the checkout URL as pull-rest-api-2.1.md §8.2 shows.',
      },
      notFound: {
        title: 'Bill not found',
        message: 'No bill matches these parameters.',
        hint: 'Create the bill first (REST PUT or the web form).',
      },
      gone: {
        title: 'Bill not found',
        message: 'The bill of this form no longer exists.',
        hint: 'Was the sandbox reset? Create the bill again.',
      },
      unknownChoice: {
        title: 'Unknown choice',
        message: (o) => `"${o}" is not an outcome of this page.`,
        hint: 'Use one of the buttons.',
      },
    },
  },
  ru: {
    brand: 'Песочница QIWI',
    otherLanguage: { lang: 'en', label: 'English' },
    payBill: (id) => `Оплата счёта ${id}`,
    merchant: 'Магазин',
    bill: 'Счёт',
    amount: 'Сумма',
    comment: 'Комментарий',
    payer: 'Плательщик',
    status: 'Статус',
    payBefore: 'Оплатить до',
    statusName: {
      waiting: 'ожидает оплаты',
      paid: 'оплачен',
      rejected: 'отклонён',
      unpaid: 'не оплачен',
      expired: 'просрочен',
    },
    outcomes: {
      wallet: 'Оплатить с баланса QIWI Кошелька',
      card: 'Оплатить картой',
      error: 'Сымитировать ошибку оплаты',
      decline: 'Отказаться от оплаты',
      leave: 'Уйти без оплаты',
    },
    chooseOutcome: 'Выберите, чем закончится оплата',
    walletOnlyReturns:
      'Сама возвращает в магазин только оплата с баланса кошелька (возврат в магазин — не подтверждение оплаты).',
    preselected: (m) => `Выбранный способ оплаты: ${m}.`,
    unavailableMethod: (m) => `Способ оплаты «${m}» здесь недоступен; выберите другой.`,
    methods: {
      qw: 'баланс QIWI Кошелька',
      card: 'банковская карта',
      mobile: 'баланс мобильного телефона',
      wm: 'WebMoney',
      ssk: 'наличные в терминале QIWI',
    },
    noLongerPayable: (s) => `Счёт ${s}; оплатить его больше нельзя.`,
    backToShop: 'Вернуться в магазин',
    leftTitle: 'Вы ушли со страницы оплаты',
    stillStatus: (id, s) => `Счёт ${id} по-прежнему ${s}.`,
    paidTitle: 'Оплата получена',
    paidByCard: (id, s) =>
      `Оплачено картой. Счёт ${id} ${s}; после оплаты картой магазин не открывается сам.`,
    notCompletedTitle: 'Оплата не завершена',
    nowStatus: (id, s) => `Счёт ${id} теперь ${s}.`,
    cannotPayTitle: 'Счёт нельзя оплатить',
    cannotPay: (id, s) => `Счёт ${id} ${s}; ничего не изменилось.`,
    phoneLabel: 'Номер телефона QIWI Кошелька',
    phoneHint: 'В международном формате, например +79161234567',
    phoneHintSms: 'В международном формате, например +79161234567. Подтверждение заменяет SMS-код.',
    amountLabel: (ccy) => `Сумма (${ccy})`,
    amountHint: 'Например, 100.00',
    commentLabel: 'Комментарий (необязательно)',
    createTitle: 'Выставление счёта QIWI',
    createSubmit: 'Перейти к оплате',
    confirmTitle: 'Подтверждение оплаты',
    confirmSubmit: 'Подтвердить',
    asksToPay: (m, a) => (a ? `${m} просит оплатить ${a}.` : `${m} просит оплатить счёт.`),
    result: (code) => RESULT_RU[code] ?? describeResult(code),
    fixPhone: 'введите номер в виде +79161234567.',
    tryOtherPhone: 'попробуйте другой номер.',
    checkAmount: 'проверьте сумму.',
    errors: {
      notSpecified: {
        title: 'Счёт не указан',
        message: 'Этой странице нужны shop и transaction (или uid).',
        hint: 'Соберите адрес страницы оплаты, как показано в pull-rest-api-2.1.md §8.2.',
      },
      notFound: {
        title: 'Счёт не найден',
        message: 'Нет счёта с такими параметрами.',
        hint: 'Сначала выставьте счёт (REST PUT или веб-форма).',
      },
      gone: {
        title: 'Счёт не найден',
        message: 'Счёта из этой формы больше нет.',
        hint: 'Песочницу сбросили? Выставьте счёт заново.',
      },
      unknownChoice: {
        title: 'Неизвестный выбор',
        message: (o) => `«${o}» — не вариант этой страницы.`,
        hint: 'Нажмите одну из кнопок.',
      },
    },
  },
};
