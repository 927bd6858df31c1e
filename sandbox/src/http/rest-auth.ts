import { parseBasicAuth } from '../crypto/basic-auth.js';
import { decodeSecretKey, parseSecretKeyHeader, secretKeyMatches } from '../crypto/bill-secret-key.js';
import { safeEqual } from '../crypto/constant-time.js';
import type { BillMerchant, PullMerchant, ResolvedConfig } from '../config/resolve-config.js';

// Authentication rows 1–5 of pull-rest-api-2.1.md §5.1 (150/155/316/339/152), and the Bearer check of
// bill-payments-rest-api-1.0.0.md §4.1 by recomputation. Every failure of the credentials is 150.

export type AuthResult<M> = { ok: true; merchant: M } | { ok: false; code: number; merchant?: M };

export function authenticatePull(
  config: ResolvedConfig,
  authorization: string | undefined,
  ip: string,
  prvId: string,
): AuthResult<PullMerchant> {
  const credentials = parseBasicAuth(authorization);
  if (!credentials) return { ok: false, code: 150 };
  let found: { merchant: PullMerchant; blocked: boolean } | undefined;
  for (const merchant of config.pull) {
    for (const api of merchant.api) {
      // Compare every configured password so timing does not reveal which API ids exist.
      const match = api.apiId === credentials.user && safeEqual(credentials.password, api.password);
      if (match) found = { merchant, blocked: api.blocked };
    }
  }
  if (!found) return { ok: false, code: 150 };
  const { merchant } = found;
  if (found.blocked) return { ok: false, code: 155, merchant }; // row 2
  if (merchant.flags.blocked) return { ok: false, code: 316, merchant };
  if (merchant.flags.blockedIps.includes(ip)) return { ok: false, code: 339, merchant }; // row 3
  if (merchant.flags.protocolDisabled) return { ok: false, code: 152, merchant }; // row 4
  if (!/^\d+$/.test(prvId) || prvId !== merchant.prvId) return { ok: false, code: 150, merchant }; // row 5
  return { ok: true, merchant };
}

/** The merchant a Bearer token claims to be (for choosing the answer's profile before it is verified). */
export function claimedBillMerchant(
  config: ResolvedConfig,
  authorization: string | undefined,
): BillMerchant | undefined {
  const token = parseSecretKeyHeader(authorization);
  const decoded = token ? decodeSecretKey(token) : null;
  return decoded
    ? config.bill.find((m) => m.prvId === decoded.prvId && m.apiId === decoded.apiId)
    : undefined;
}

export function authenticateBill(
  config: ResolvedConfig,
  authorization: string | undefined,
  ip: string,
): AuthResult<BillMerchant> {
  const token = parseSecretKeyHeader(authorization);
  const decoded = token ? decodeSecretKey(token) : null;
  if (!decoded) return { ok: false, code: 150 };
  const merchant = config.bill.find((m) => m.prvId === decoded.prvId && m.apiId === decoded.apiId);
  if (!merchant || !secretKeyMatches(decoded, merchant.apiSecret)) return { ok: false, code: 150 };
  if (merchant.flags.apiIdBlocked) return { ok: false, code: 155, merchant };
  if (merchant.flags.blocked) return { ok: false, code: 316, merchant };
  if (merchant.flags.blockedIps.includes(ip)) return { ok: false, code: 339, merchant };
  if (merchant.flags.protocolDisabled) return { ok: false, code: 152, merchant };
  return { ok: true, merchant };
}
