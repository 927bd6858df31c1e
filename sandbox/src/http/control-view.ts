import type { Request } from 'express';
import { formatAmount } from '../core/money.js';
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
