// Refunds through the admin API. The refund is written to the ledger as `processing` BEFORE QIWI is
// asked, so a crash or a timeout never loses it: the same refund id is idempotent at QIWI (pull §5.4
// row 7), and the reconciler finishes what is left `processing`.

import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import {
  QiwiApiError,
  QiwiTransportError,
  formatAmount,
  parseAmount,
  validateRefundId,
  type QiwiClient,
} from '../qiwi/index.js';
import { refundableAmount, type Ledger, type Refund } from '../ledger/index.js';

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newRefundId(): string {
  return Array.from({ length: 9 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

export interface RefundDeps {
  readonly ledger: Ledger;
  readonly qiwi: QiwiClient;
  readonly clock: () => Date;
  readonly logger: Logger;
}

export async function refundOrder(
  deps: RefundDeps,
  orderId: string,
  body: { amount?: unknown; refundId?: unknown },
  /** Who asked (admin-auth.ts); recorded in the order's history. */
  actor?: string,
): Promise<{ refund: Refund; settled: boolean }> {
  const order = await deps.ledger.getOrder(orderId);
  if (!order) throw new AppError('order_not_found', `no order ${orderId}`);
  if (order.status !== 'paid')
    throw new AppError(
      'not_refundable',
      `order ${orderId} is ${order.status}; only paid orders can be refunded`,
    );
  const refundId = body.refundId === undefined ? newRefundId() : validateRefundId(body.refundId);
  const existing = await deps.ledger.getRefund(orderId, refundId);
  const remaining = refundableAmount(order);
  const amount =
    body.amount === undefined
      ? (existing?.amount ?? remaining)
      : parseAmount(body.amount, { field: 'amount' });
  if (existing) {
    if (existing.amount !== amount)
      throw new AppError(
        'refund_conflict',
        `refund ${refundId} exists for ${formatAmount(existing.amount)}; use another refundId`,
      );
    if (existing.status !== 'processing') return { refund: existing, settled: true };
  } else if (amount <= 0 || amount > remaining) {
    throw new AppError(
      'refund_exceeds_amount',
      `at most ${formatAmount(remaining)} ${order.currency} is left to refund`,
    );
  }
  const at = deps.clock().toISOString();
  const { refund } = existing
    ? { refund: existing }
    : await deps.ledger.recordRefund(
        {
          orderId,
          refundId,
          amount,
          status: 'processing',
          error: 0,
          createdAt: at,
        },
        actor,
      );
  try {
    const answer = await deps.qiwi.refund(orderId, refundId, amount);
    const updated = await deps.ledger.updateRefund(
      orderId,
      refundId,
      answer.status,
      answer.error,
      deps.clock().toISOString(),
    );
    return { refund: updated ?? refund, settled: true };
  } catch (error) {
    if (error instanceof QiwiApiError && !error.retryable) {
      await deps.ledger.updateRefund(orderId, refundId, 'fail', error.resultCode, deps.clock().toISOString());
      throw new AppError(
        'qiwi_rejected',
        `QIWI refused refund ${refundId}: result code ${error.resultCode} (${error.message})`,
      );
    }
    if (error instanceof QiwiTransportError || error instanceof QiwiApiError) {
      deps.logger.warn(
        { orderId, refundId, code: error.code },
        'refund sent but not confirmed; it stays processing and is checked again',
      );
      return { refund, settled: false };
    }
    throw error;
  }
}

export async function refreshRefund(deps: RefundDeps, orderId: string, refundId: string): Promise<Refund> {
  const refund = await deps.ledger.getRefund(orderId, refundId);
  if (!refund) throw new AppError('refund_not_found', `no refund ${refundId} on order ${orderId}`);
  if (refund.status !== 'processing') return refund;
  const answer = await deps.qiwi.getRefund(orderId, refundId);
  return (
    (await deps.ledger.updateRefund(
      orderId,
      refundId,
      answer.status,
      answer.error,
      deps.clock().toISOString(),
    )) ?? refund
  );
}
