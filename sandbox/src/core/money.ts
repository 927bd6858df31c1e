// Money is never a float: amounts travel as decimal strings and live as integer minor units (kopecks).

export type AmountParse =
  { ok: true; minor: number } | { ok: false; reason: 'missing' | 'malformed' | 'too-many-digits' };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a request amount. pull-rest-api-2.1.md §4.5: QIWI rounds DOWN (truncates) to 2 decimals, so
 * "10.009" is 10.00; `Number(6.2)` is read as at most 6 integer digits (§13 A7), leading zeros aside.
 */
export function parseAmount(raw: string | undefined, maxIntegerDigits = 6): AmountParse {
  if (raw === undefined || raw === '') return { ok: false, reason: 'missing' };
  const match = DECIMAL.exec(raw);
  if (!match) return { ok: false, reason: 'malformed' };
  const integer = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  if (integer.length > maxIntegerDigits) return { ok: false, reason: 'too-many-digits' };
  const fraction = (match[2] ?? '').slice(0, 2).padEnd(2, '0');
  return { ok: true, minor: Number(integer) * 100 + Number(fraction) };
}

/** Renders minor units with exactly two decimals and "." (pull-rest-api-2.1.md §4.5, responses). */
export function formatAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${units}.${cents.toString().padStart(2, '0')}`;
}

/** Parses a configured amount such as "0.01"; configuration errors are the operator's to fix. */
export function configAmount(raw: string): number {
  const parsed = parseAmount(raw, 9);
  if (!parsed.ok) throw new Error(`amount "${raw}" is not a decimal like "10.00"`);
  return parsed.minor;
}
