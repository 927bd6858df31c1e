// Periodically asks QIWI about orders that are not final and about refunds still `processing`, and
// applies the answers through the same status machine as notifications. It is the safety net for a
// notification that never arrived (pull §9.5: QIWI gives up after 24 h) — the merchant may poll at any
// time (pull §5.2, §5.5).
//
// One pass at a time, each bounded by batchSize; requests go one after another so a backlog never
// turns into a burst against QIWI.

import type { Logger } from 'pino';
import { isLapsedWithoutBill, LAPSED_WITHOUT_BILL } from '../orders/lapsed-order.js';
import { QiwiApiError, type QiwiBill, type QiwiClient } from '../qiwi/index.js';
import type { Order, Refund, StatusChange, Store } from '../store/store.js';
import { reconcileBill } from './reconcile-bill.js';

export interface ReconcilerOptions {
  readonly store: Store;
  readonly qiwi: QiwiClient;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Between passes when started; 60 s by default. */
  readonly intervalMs?: number;
  /** An order is asked about again only when its last check is older than this; 60 s by default. */
  readonly staleAfterMs?: number;
  /** Orders (and, separately, refunds) per pass; 50 by default. */
  readonly batchSize?: number;
}

export interface ReconcileResult {
  readonly checked: number;
  readonly changed: number;
  readonly errors: number;
}

export interface Reconciler {
  start(): void;
  stop(): Promise<void>;
  runOnce(): Promise<ReconcileResult>;
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { store, qiwi, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 60_000;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const batchSize = options.batchSize ?? 50;

  async function checkOrder(order: Order, at: string): Promise<'changed' | 'unchanged' | 'error'> {
    // Marked first: an order QIWI keeps failing on moves to the back of the work list.
    await store.markChecked(order.id, at);
    try {
      const bill = await billOrNone(order);
      if (bill === undefined) {
        // The payer has not submitted the web form yet, or never will once the deadline has passed.
        if (!isLapsedWithoutBill(order, new Date(at))) return 'unchanged';
        return await apply(order, { to: 'expired', source: 'reconciler', at, detail: LAPSED_WITHOUT_BILL });
      }
      const verdict = reconcileBill(order, bill);
      if (verdict.kind === 'mismatch') {
        logger.warn(
          { orderId: order.id, reason: verdict.reason },
          'reconciler: bill differs from the ledger',
        );
        return 'error';
      }
      return await apply(order, {
        to: verdict.to,
        source: 'reconciler',
        at,
        detail: `QIWI reports ${bill.status}`,
      });
    } catch (error) {
      logger.warn({ orderId: order.id, ...describe(error) }, 'reconciler: bill status check failed');
      return 'error';
    }
  }

  /** The bill QIWI holds, or undefined for 210 on an order still `created`: QIWI has no bill for it. */
  async function billOrNone(order: Order): Promise<QiwiBill | undefined> {
    try {
      return await qiwi.getBill(order.id);
    } catch (error) {
      if (error instanceof QiwiApiError && error.resultCode === 210 && order.status === 'created')
        return undefined;
      throw error;
    }
  }

  async function apply(order: Order, change: StatusChange): Promise<'changed' | 'unchanged'> {
    const result = await store.applyStatus(order.id, change);
    if (result.outcome !== 'change') return 'unchanged';
    logger.info(
      { orderId: order.id, from: order.status, to: result.order.status },
      'reconciler: status applied',
    );
    return 'changed';
  }

  async function checkRefund(refund: Refund, at: string): Promise<'changed' | 'unchanged' | 'error'> {
    try {
      const answer = await qiwi.getRefund(refund.orderId, refund.refundId);
      if (answer.status === refund.status && answer.error === refund.error) return 'unchanged';
      await store.updateRefund(refund.orderId, refund.refundId, answer.status, answer.error, at);
      logger.info(
        { orderId: refund.orderId, refundId: refund.refundId, status: answer.status },
        'reconciler: refund status applied',
      );
      return 'changed';
    } catch (error) {
      logger.warn(
        { orderId: refund.orderId, refundId: refund.refundId, ...describe(error) },
        'reconciler: refund status check failed',
      );
      return 'error';
    }
  }

  async function pass(): Promise<ReconcileResult> {
    const now = clock();
    const at = now.toISOString();
    const orders = await store.listOpenOrders(
      batchSize,
      new Date(now.getTime() - staleAfterMs).toISOString(),
    );
    const refunds = await store.listRefundsByStatus('processing', batchSize);
    const outcomes: string[] = [];
    for (const order of orders) outcomes.push(await checkOrder(order, at));
    for (const refund of refunds) outcomes.push(await checkRefund(refund, at));
    const result = {
      checked: outcomes.length,
      changed: outcomes.filter((o) => o === 'changed').length,
      errors: outcomes.filter((o) => o === 'error').length,
    };
    if (result.checked > 0) logger.info(result, 'reconciler pass');
    return result;
  }

  let running: Promise<ReconcileResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  function runOnce(): Promise<ReconcileResult> {
    // A pass already under way is joined, never doubled (the admin "reconcile now" and the timer).
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  function tick(): void {
    runOnce()
      .catch((error: unknown) => logger.error(describe(error), 'reconciler pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(tick, intervalMs).unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

function describe(error: unknown): { code: string; error: string } {
  return { code: codeOf(error), error: error instanceof Error ? error.message : String(error) };
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.name : 'unknown';
}
