// pull-rest-api-2.1.md §8.3 and §13 A27: the return URL gets `order=<bill_id>`, with "&" when it already
// has a query and "?" otherwise, inserted before any #fragment. bill-payments-rest-api-1.0.0.md §13 B23
// applies the same rule to the pay form.

export function appendOrderParam(url: string, billId: string): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const param = `order=${encodeURIComponent(billId)}`;
  let separator = '?';
  if (base.includes('?')) separator = base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${param}${fragment}`;
}

/** Only absolute http(s) URLs are followed; anything else is ignored (the page is shown instead). */
export function usableReturnUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const parsed = new URL(raw);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? raw : undefined;
  } catch {
    return undefined;
  }
}
