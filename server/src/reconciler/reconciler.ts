// Periodically asks QIWI about orders that are not final and about refunds still `processing`, and
// applies the answers through the same status machine as notifications. It is the safety net for a
// notification that never arrived (pull §9.5: QIWI gives up after 24 h) — the merchant may poll at any
// time (pull §5.2, §5.5).
//
// Several instances share the work: each pass claims its orders (ledger claimOpenOrders), so no order is
// asked about twice in one staleness window; a refund checked by two instances at once is applied once
// (the ledger's updateRefund compares with the refund row locked). One pass at a time, each bounded by batchSize; requests go one after another so a backlog never
// turns into a burst against QIWI.

import type { Logger } from 'pino';
import { askQiwi, type Ledger, type Order, type Refund } from '../ledger/index.js';
import type { QiwiClient } from '../qiwi/index.js';

export interface ReconcilerOptions {
  readonly ledger: Ledger;
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
  const { ledger, qiwi, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 60_000;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const batchSize = options.batchSize ?? 50;

  async function checkOrder(order: Order, at: string): Promise<'changed' | 'unchanged' | 'error'> {
    try {
      const word = await askQiwi(qiwi, order.id);
      const detail = word.kind === 'bill' ? `QIWI reports ${word.status}` : undefined;
      const outcome = await ledger.applyQiwiWord(word, {
        source: 'reconciler',
        at,
        ...(detail ? { detail } : {}),
      });
      if (outcome.kind === 'refused') {
        logger.warn(
          { orderId: order.id, reason: outcome.reason },
          'reconciler: bill differs from the ledger',
        );
        return 'error';
      }
      if (outcome.kind === 'unchanged') return 'unchanged';
      logger.info(
        { orderId: order.id, from: order.status, to: outcome.order.status },
        'reconciler: status applied',
      );
      return 'changed';
    } catch (error) {
      logger.warn({ orderId: order.id, ...describe(error) }, 'reconciler: bill status check failed');
      return 'error';
    }
  }

  async function checkRefund(refund: Refund, at: string): Promise<'changed' | 'unchanged' | 'error'> {
    try {
      const answer = await qiwi.getRefund(refund.orderId, refund.refundId);
      if (answer.status === refund.status && answer.error === refund.error) return 'unchanged';
      await ledger.updateRefund(refund.orderId, refund.refundId, answer.status, answer.error, at);
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
    // Claimed (and marked checked) before asking QIWI: other instances sharing the ledger skip these
    // orders until they are stale again, and an order QIWI keeps failing on moves to the back of the list.
    const orders = await ledger.claimOpenOrders(
      batchSize,
      new Date(now.getTime() - staleAfterMs).toISOString(),
      at,
    );
    const refunds = await ledger.listRefundsByStatus('processing', batchSize);
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
