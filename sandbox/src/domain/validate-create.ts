import { parseAmount } from '../core/money.js';
import { parseRestLifetime } from '../core/moscow-time.js';
import { fitsText, xmlSafe } from '../core/text-rules.js';
import type { Limits, ResolvedConfig } from '../config/resolve-config.js';
import { walletCode } from './wallet-registry.js';

// pull-rest-api-2.1.md §5.1 validation table, rows 8–22, evaluated in order; first failure wins.
// (Rows 1–5 are authentication, 6–7 need the store; see rest-operations.ts.) Bill 1.0.0 profile A uses
// the same rows (bill-payments-rest-api-1.0.0.md §5.1); profile B reads its renamed fields (§5.6).

export interface CreateBillInput {
  user?: string;
  email?: string;
  userId?: string;
  amountMinor: number;
  ccy: string;
  comment: string;
  lifetimeAt: number;
  paySource?: string;
  prvName?: string;
  extras: Record<string, string>;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; code: number };

export interface CreateContext {
  limits: Limits;
  wallets: ResolvedConfig['wallets'];
  now: number;
  profileB?: boolean;
}

const USER = /^tel:\+[0-9]{1,15}$/;
const fail = (code: number): { ok: false; code: number } => ({ ok: false, code });

/** Empty values count as absent: the official SDK sends `pay_source=` and friends (§12). */
export function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** `amount` rows 10–12: 341 when unusable, 241 below the minimum, 242 above the maximum. */
export function checkAmount(raw: string | undefined, limits: Limits): Validation<number> {
  const parsed = parseAmount(raw);
  if (!parsed.ok) return fail(341);
  if (parsed.minor < limits.minMinor) return fail(241);
  if (parsed.minor > limits.maxMinor) return fail(242);
  return { ok: true, value: parsed.minor };
}

interface Payer {
  user?: string;
  email?: string;
  userId?: string;
}

function payerOf(p: Record<string, string>, profileB: boolean): Validation<Payer> {
  if (!profileB) {
    if (!present(p.user)) return fail(341);
    if (!USER.test(p.user)) return fail(303);
    return { ok: true, value: { user: p.user } };
  }
  // Profile B (§5.6): `user` may be a phone, an e-mail or a user id; `phone`/`email`/`user_id` too.
  const payer: Payer = {};
  const phone = p.phone ?? (p.user?.startsWith('tel:') ? p.user : undefined);
  if (present(phone)) {
    const user = phone.startsWith('tel:') ? phone : `tel:+${phone.replace(/^\+/, '')}`;
    if (!USER.test(user)) return fail(303);
    payer.user = user;
  }
  if (present(p.email)) payer.email = p.email;
  else if (present(p.user) && p.user.includes('@')) payer.email = p.user;
  if (present(p.user_id)) payer.userId = p.user_id;
  else if (present(p.user) && !p.user.startsWith('tel:') && !p.user.includes('@')) payer.userId = p.user;
  if (!payer.user && !payer.email && !payer.userId) return fail(341);
  // §4.4 well-formed XML: profile B echoes these in `user` (text-rules.ts).
  if (!xmlSafe(payer.email ?? '') || !xmlSafe(payer.userId ?? '')) return fail(341);
  return { ok: true, value: payer };
}

// Extras become element names of the XML answer (`<extras><order>…`), so a name must be an XML Name.
const EXTRA_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

/** Profile B extras (§5.6, B24): String(255) each, echoed in XML answers, so optional data → 5. */
function extrasOf(p: Record<string, string>): Record<string, string> | null {
  const extras: Record<string, string> = {};
  for (const [name, value] of Object.entries(p)) {
    const match = /^extras?_(.+)$/.exec(name);
    if (!match?.[1]) continue;
    if (!EXTRA_NAME.test(match[1]) || !fitsText(value, 255)) return null;
    extras[match[1]] = value;
  }
  return extras;
}

export function validateCreate(p: Record<string, string>, ctx: CreateContext): Validation<CreateBillInput> {
  const profileB = ctx.profileB === true;
  const payer = payerOf(p, profileB); // rows 8–9
  if (!payer.ok) return payer;
  const amount = checkAmount(p.amount, ctx.limits); // rows 10–12
  if (!amount.ok) return amount;
  const ccy = profileB ? (p.currency ?? p.ccy) : p.ccy;
  if (!present(ccy) || !/^[A-Z]{3}$/.test(ccy)) return fail(341); // row 13
  if (!ctx.limits.currencies.includes(ccy)) return fail(1001); // row 14
  if (p.comment === undefined || !fitsText(p.comment, 255)) return fail(341); // row 15, §4.4
  const lifetimeAt = parseRestLifetime(p.lifetime); // row 16
  if (lifetimeAt === null || lifetimeAt <= ctx.now) return fail(341);
  const paySource = present(p.pay_source) ? p.pay_source : undefined;
  if (paySource !== undefined && paySource !== 'qw' && paySource !== 'mobile') return fail(5); // row 17
  if (p.prv_name !== undefined && !fitsText(p.prv_name, 100)) return fail(5); // row 18
  if (payer.value.user) {
    const wallet = walletCode(ctx.wallets, payer.value.user, paySource); // rows 19–21
    if (wallet !== 0) return fail(wallet);
  }
  if (ctx.limits.flags.monthlyLimitExceeded) return fail(700); // row 22
  const extras = profileB ? extrasOf(p) : {};
  if (extras === null) return fail(5);
  return {
    ok: true,
    value: {
      ...payer.value,
      amountMinor: amount.value,
      ccy,
      comment: p.comment,
      lifetimeAt,
      paySource,
      prvName: p.prv_name,
      extras,
    },
  };
}
