// What of an HTTP request goes into the notification record: headers without credentials, and the
// bill id and status the body claims (unverified for rejected ones, so forged notifications can be
// found by order in the admin API).

import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry credentials or signatures: never stored, never logged. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-signature.*)$/i;

export function storableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.test(name)) continue;
    kept[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

/** The bill id and status a form body claims, read leniently; undefined when absent or unreadable. */
export function claimedFields(rawBody: string): { billId: string | undefined; status: string | undefined } {
  try {
    const params = new URLSearchParams(rawBody);
    const text = (name: string) => {
      const value = params.get(name);
      return value === null || value === '' ? undefined : value.slice(0, 200);
    };
    return { billId: text('bill_id'), status: text('status') };
  } catch {
    return { billId: undefined, status: undefined };
  }
}
