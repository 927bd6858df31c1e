// Money is never a float: amounts travel as decimal strings and live as integer minor units
// (kopecks, cents). pull-rest-api-2.1.md §4.5: Number(6.2), "." separator, QIWI rounds DOWN
// (truncates) to 2 decimals; §13 A7 reads Number(6.2) as at most 6 integer digits.

import { QiwiInputError, type QiwiInputField } from './errors.js';

/** An amount in minor units (1/100 of the currency unit). Only made by the functions of this module. */
export type MinorUnits = number & { readonly __minorUnits: unique symbol };

export const MIN_AMOUNT = 1 as MinorUnits; // 0.01
export const MAX_AMOUNT = 99_999_999 as MinorUnits; // 999999.99

const MAX_INTEGER_DIGITS = 6;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export interface ParseAmountOptions {
  /**
   * `strict` (default) refuses more than 2 decimals: input from a merchant should say exactly what is
   * charged. `truncate` applies QIWI's own rule (10.009 → 10.00) and is for amounts QIWI sends us.
   */
  readonly mode?: 'strict' | 'truncate';
  /** Field name used in error messages. */
  readonly field?: QiwiInputField;
  /** Allow 0.00 (refund bookkeeping); bills and refunds themselves need at least 0.01. */
  readonly allowZero?: boolean;
}

/** Parses a decimal string such as "10", "10.5" or "0.01" into minor units, refusing anything ambiguous. */
export function parseAmount(input: unknown, options: ParseAmountOptions = {}): MinorUnits {
  const field = options.field ?? 'amount';
  if (typeof input === 'number') {
    throw new QiwiInputError(
      field,
      `got the number ${input}; pass the amount as a decimal string such as "10.50" (numbers are binary floats)`,
    );
  }
  if (typeof input !== 'string') {
    throw new QiwiInputError(field, 'missing; pass a decimal string such as "10.50"');
  }
  if (input.includes(',')) {
    throw new QiwiInputError(
      field,
      `"${input}" uses a comma; use "." as the decimal separator and no thousands separators`,
    );
  }
  if (input.startsWith('-')) {
    throw new QiwiInputError(field, `"${input}" is negative; amounts must be positive`);
  }
  const match = DECIMAL.exec(input);
  if (!match) {
    throw new QiwiInputError(
      field,
      `"${input}" is not a decimal amount; use digits with an optional "." and up to 2 decimals, e.g. "10.50"`,
    );
  }
  const integerDigits = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (integerDigits.length > MAX_INTEGER_DIGITS) {
    throw new QiwiInputError(
      field,
      `"${input}" has more than ${MAX_INTEGER_DIGITS} integer digits; the largest amount is 999999.99`,
    );
  }
  if (fraction.length > 2 && (options.mode ?? 'strict') === 'strict') {
    const truncated = integerDigits + '.' + fraction.slice(0, 2);
    throw new QiwiInputError(
      field,
      `"${input}" has ${fraction.length} decimals; QIWI would truncate it to ${truncated}, so send at most 2 decimals`,
    );
  }
  // QIWI truncates, never rounds: only the first two fraction digits count.
  const minor = Number(integerDigits) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (minor < MIN_AMOUNT && !(options.allowZero && minor === 0)) {
    throw new QiwiInputError(field, `"${input}" is below the minimum of 0.01`);
  }
  return minor as MinorUnits;
}

/** Wraps an integer count of minor units, e.g. from the ledger. */
export function minorUnits(value: number, field: QiwiInputField = 'amount'): MinorUnits {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT) {
    throw new QiwiInputError(
      field,
      `${value} is not a whole number of minor units between 0 and ${MAX_AMOUNT}`,
    );
  }
  return value as MinorUnits;
}

/** Formats minor units with exactly two decimals, as QIWI expects and answers: 1050 → "10.50". */
export function formatAmount(minor: MinorUnits): string {
  const whole = Math.trunc(minor / 100);
  const cents = minor % 100;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/** QIWI's normalisation of an amount string (truncate to 2 decimals, render 2 decimals). */
export function normaliseAmount(input: string): string {
  return formatAmount(parseAmount(input, { mode: 'truncate', allowZero: true }));
}
