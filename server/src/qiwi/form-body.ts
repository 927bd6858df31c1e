// application/x-www-form-urlencoded in UTF-8 with "+" as space (pull-rest-api-2.1.md §4.2, §9.3 step 1).

import type { NamedValue } from './signatures.js';

/** Decodes a form body into its parameters, in the order received. */
export function parseFormBody(raw: Uint8Array | string): NamedValue[] {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  return [...new URLSearchParams(text)].map(([name, value]) => ({ name, value }));
}

/**
 * Encodes parameters the way QIWI's documentation shows them: percent-encoding of UTF-8 as
 * encodeURIComponent does (space as %20). Decoders accept "+" and "%20" alike.
 */
export function encodeQuery(params: readonly NamedValue[]): string {
  return params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value)}`).join('&');
}

/** Parameters that appear more than once; a signed message with duplicates is ambiguous. */
export function duplicateNames(params: readonly NamedValue[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { name } of params) (seen.has(name) ? duplicates : seen).add(name);
  return [...duplicates];
}
