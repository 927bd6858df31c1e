import type { Request } from 'express';
import { formatAmount } from '../core/money.js';
import type { NewMerchant } from '../domain/merchant-registry.js';
import type { BillRecord, Delivery, SandboxState } from '../domain/state.js';

// JSON shapes of the control API: amounts as 2-decimal strings, times as ISO instants.

const iso = (ms: number): string => new Date(ms).toISOString();

export function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

export function billView(bill: BillRecord, state: SandboxState, base: string): Record<string, unknown> {
  const checkoutPath = bill.protocol === 'pull' ? '/form' : '/order/form';
  return {
    key: bill.key,
    protocol: bill.protocol,
    prvId: bill.prvId,
    billId: bill.billId,
    uid: bill.uid,
    amount: formatAmount(bill.amountMinor),
    ccy: bill.ccy,
    status: bill.status,
    paymentStarted: bill.paymentStarted,
    paidWith: bill.paidWith ?? null,
    user: bill.user ?? null,
    email: bill.email ?? null,
    userId: bill.userId ?? null,
    comment: bill.comment,
    prvName: bill.prvName ?? null,
    paySource: bill.paySource ?? null,
    extras: bill.extras,
    origin: bill.origin,
    createdAt: iso(bill.createdAt),
    lifetime: iso(bill.lifetimeAt),
    expiresAt: iso(bill.expiresAt),
    paidAt: bill.paidAt === undefined ? null : iso(bill.paidAt),
    history: bill.history.map((h) => ({ at: iso(h.at), from: h.from, to: h.to, cause: h.cause })),
    refunds: bill.refunds.map((r) => ({
      refundId: r.refundId,
      amount: formatAmount(r.amountMinor),
      status: r.status,
      error: r.error,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
    checkoutUrl: `${base}${checkoutPath}?shop=${encodeURIComponent(bill.prvId)}&transaction=${encodeURIComponent(bill.billId)}`,
    payUrl: `${base}/?uid=${bill.uid}`,
    deliveries: state.deliveries.filter((d) => d.billKey === bill.key).map((d) => d.id),
  };
}

export function deliveryView(delivery: Delivery): Delivery & { attemptCount: number } {
  return { ...delivery, attemptCount: delivery.attempts.length };
}

/**
 * The one answer that carries a new account's secrets, with the environment a qiwi-pay server reads
 * (server/README.md) so a second server can start against this sandbox at once.
 */
export function newMerchantView(made: NewMerchant): Record<string, unknown> {
  const m = made.merchant;
  const common = {
    protocol: made.protocol,
    prvId: m.prvId,
    projectName: m.projectName ?? null,
    notificationUrl: m.notification.url ?? null,
    currencies: m.currencies,
    siteOrigins: m.siteOrigins ?? null,
    note: 'The secrets below are shown once; GET /__sandbox/merchants lists the account without them.',
  };
  if (made.protocol === 'pull') {
    const apiId = made.merchant.api[0]?.apiId ?? '';
    return {
      ...common,
      apiId,
      apiPassword: made.apiPassword,
      notificationPassword: made.notificationPassword,
      notificationAuth: made.merchant.notification.auth,
      serverEnv: {
        QIWI_PROTOCOL: 'pull',
        QIWI_PRV_ID: m.prvId,
        QIWI_API_ID: apiId,
        QIWI_API_PASSWORD: made.apiPassword,
        QIWI_NOTIFICATION_PASSWORD: made.notificationPassword,
        QIWI_NOTIFICATION_AUTH: made.merchant.notification.auth,
      },
    };
  }
  return {
    ...common,
    apiId: made.merchant.apiId,
    apiSecret: made.apiSecret,
    secretKey: made.merchant.secretKey,
    publicKey: made.merchant.publicKey,
    serverEnv: {
      QIWI_PROTOCOL: 'bill',
      QIWI_PRV_ID: m.prvId,
      QIWI_API_ID: made.merchant.apiId,
      QIWI_API_SECRET: made.apiSecret,
      QIWI_PUBLIC_KEY: made.merchant.publicKey,
    },
  };
}
