// Bill deadlines are Moscow wall-clock times with no zone suffix. Moscow is UTC+03:00 with no DST for
// every date after 2014-10-26 (pull-rest-api-2.1.md §4.5, test-vectors lifetime_formatting).
//   REST:      YYYY-MM-DDThh:mm:ss   (§4.5)
//   Web forms: YYYY-MM-DDThhmm       (§7.3, bill-payments §6.2)

import { QiwiInputError } from './errors.js';

const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function moscowParts(instant: Date): string[] {
  if (Number.isNaN(instant.getTime())) throw new QiwiInputError('lifetime', 'is not a valid date');
  // Shift to Moscow wall time, then read it with the UTC accessors.
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 19).split(/[-T:]/);
}

export function formatRestLifetime(instant: Date): string {
  const [y, mo, d, h, mi, s] = moscowParts(instant);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

export function formatFormLifetime(instant: Date): string {
  const [y, mo, d, h, mi] = moscowParts(instant);
  return `${y}-${mo}-${d}T${h}${mi}`;
}

const REST_LIFETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const FORM_LIFETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})$/;

function fromMoscow(text: string, pattern: RegExp, format: (d: Date) => string, example: string): Date {
  const match = pattern.exec(text);
  if (!match)
    throw new QiwiInputError('lifetime', `"${text}" must look like ${example} (Moscow time, no zone)`);
  const [y, mo, d, h, mi, s = 0] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number?,
  ];
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - MOSCOW_OFFSET_MS);
  // Date rolls 2017-02-30 over to March: a real date formats back to exactly the same text.
  if (Number.isNaN(instant.getTime()) || format(instant) !== text) {
    throw new QiwiInputError('lifetime', `"${text}" is not a real date and time`);
  }
  return instant;
}

export function parseRestLifetime(text: string): Date {
  return fromMoscow(text, REST_LIFETIME, formatRestLifetime, '2017-09-25T15:00:00');
}

export function parseFormLifetime(text: string): Date {
  return fromMoscow(text, FORM_LIFETIME, formatFormLifetime, '2017-12-31T2359');
}

/**
 * Checks a deadline a merchant asks for: in the future, and within the protocol's forced-expiry cap
 * (QIWI would silently expire the bill earlier, which surprises the payer). `maxDays` is the
 * protocol's (QiwiProtocol.maxLifetimeDays).
 */
export function assertLifetime(deadline: Date, now: Date, maxDays: number): void {
  if (Number.isNaN(deadline.getTime())) throw new QiwiInputError('lifetime', 'is not a valid date');
  if (deadline.getTime() <= now.getTime()) {
    throw new QiwiInputError(
      'lifetime',
      `${deadline.toISOString()} is not in the future; give the payer time to pay`,
    );
  }
  if (deadline.getTime() - now.getTime() > maxDays * DAY_MS) {
    throw new QiwiInputError(
      'lifetime',
      `is more than ${maxDays} days ahead; QIWI forces every bill to a final status after ${maxDays} days, so choose a shorter lifetime`,
    );
  }
}
