// Money as the admin API gives it: decimal strings ("1250.50"). Arithmetic is done on whole minor
// units (integers), never on floats; display goes through Intl with the string itself, which
// formats the exact decimal (Intl.NumberFormat v3).

/** "1250.5" → 125050 minor units; undefined for anything that is not a plain amount with ≤ 2 decimals. */
export function toMinor(amount: string): number | undefined {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 125050 → "1250.50". */
export function fromMinor(minor: number): string {
  const whole = Math.trunc(minor / 100);
  const cents = String(minor % 100).padStart(2, '0');
  return `${whole}.${cents}`;
}

/** What is left to refund: amount minus refunded, as a decimal string. */
export function remaining(amount: string, refunded: string): string {
  return fromMinor(Math.max((toMinor(amount) ?? 0) - (toMinor(refunded) ?? 0), 0));
}

/** A user's input ("12,5" in Russian, "12.50") as the API's decimal string; undefined when not an amount. */
export function normaliseInput(input: string): string | undefined {
  const minor = toMinor(input.replace(/\s/g, '').replace(',', '.'));
  return minor === undefined ? undefined : fromMinor(minor);
}

export function formatMoney(amount: string, currency: string, locale: string): string {
  try {
    // A string argument is formatted exactly, with no conversion to a binary float.
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}
