import { usableReturnUrl } from '../core/return-url.js';
import type { Limits } from '../config/resolve-config.js';

// pull-rest-api-2.1.md §8.2 (successUrl/failUrl "must be on the merchant's site") and
// bill-payments-rest-api-1.0.0.md §6.2 / §8 (success_url/fail_url, same rule): a return URL whose origin
// is not one of the account's configured site origins is refused before the payer sees the page.

export interface ReturnUrls {
  successUrl?: string;
  failUrl?: string;
}

export type ReturnUrlCheck = { ok: true } | { ok: false; name: 'successUrl' | 'failUrl'; url: string };

export function checkReturnUrls(merchant: Pick<Limits, 'siteOrigins'>, urls: ReturnUrls): ReturnUrlCheck {
  const allowed = merchant.siteOrigins;
  if (!allowed) return { ok: true };
  for (const name of ['successUrl', 'failUrl'] as const) {
    const url = urls[name];
    if (url === undefined) continue;
    const usable = usableReturnUrl(url);
    if (!usable || !allowed.includes(new URL(usable).origin)) return { ok: false, name, url };
  }
  return { ok: true };
}
