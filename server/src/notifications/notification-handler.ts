// POST /v1/notifications/qiwi: QIWI's server-to-server notification, from raw bytes to a durable
// record and the protocol-exact answer (pull-rest-api-2.1.md §9, bill-payments-rest-api-1.0.0.md §9).
//
// The rule that matters: answer 0 only after the record (and its status change) is committed. Then a
// crash before the answer costs a retry, never a payment; a duplicate costs nothing.

import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isFinal } from '../orders/order-status.js';
import {
  NotificationRejected,
  type NotificationAnswer,
  type QiwiNotification,
  type QiwiProtocol,
} from '../qiwi/index.js';
import type { NotificationInput, Order, Store } from '../store/store.js';
import { REJECTED_DATA_CODE, STORE_UNAVAILABLE_CODE, judgeNotification } from './judge-notification.js';
import { claimedFields, storableHeaders } from './request-record.js';

export interface NotificationHandlerDeps {
  readonly store: Store;
  /** The protocol chosen at wiring: how to read a notification and how to answer it. */
  readonly protocol: QiwiProtocol;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Called after an order reached a final status through a notification; errors are logged, not raised. */
  readonly onOrderFinal?: (order: Order) => void;
}

export function createNotificationHandler(
  deps: NotificationHandlerDeps,
): (req: Request, res: Response) => Promise<void> {
  const { store, protocol, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const answerFor = (resultCode: number) => protocol.notificationAnswer(resultCode);

  // Exactly the protocol's Content-Type (pull §9.4 [DOC-old] counted anything else as a failure), so
  // no charset parameter is added the way res.send() would.
  function send(res: Response, answer: NotificationAnswer): void {
    res.status(answer.status).setHeader('Content-Type', answer.contentType);
    res.end(answer.body);
  }

  return async function qiwiNotification(req, res) {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const rawBody = body.toString('utf8');
    const claimed = claimedFields(rawBody);
    const base: Omit<NotificationInput, 'verdict' | 'reason' | 'resultCode'> = {
      receivedAt: clock().toISOString(),
      protocol: protocol.name,
      rawBody,
      headers: storableHeaders(req.headers),
      remoteAddress: req.socket.remoteAddress,
      billId: claimed.billId,
      status: claimed.status,
    };
    // One line per notification; never the body, a password, a signature or the auth header.
    const log = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, msg: string) =>
      logger[level]({ billId: base.billId, status: base.status, ...fields }, msg);

    async function reject(resultCode: number, reason: string): Promise<void> {
      try {
        await store.recordNotification({ ...base, verdict: 'rejected', reason, resultCode });
      } catch (error) {
        log('error', { err: errorText(error) }, 'rejected notification could not be recorded');
      }
      log('warn', { verdict: 'rejected', reason, resultCode }, 'qiwi notification rejected');
      send(res, answerFor(resultCode));
    }

    let notification: QiwiNotification;
    try {
      notification = protocol.readNotification(body, req.headers);
    } catch (error) {
      if (error instanceof NotificationRejected) return reject(error.resultCode, error.message);
      return reject(REJECTED_DATA_CODE, `unreadable notification: ${errorText(error)}`);
    }

    try {
      const order = await store.getOrder(notification.billId);
      const judgement = judgeNotification(notification, order);
      if (judgement.kind === 'reject') return await reject(judgement.resultCode, judgement.reason);
      const { record, applied } = await store.recordNotification(
        { ...base, verdict: 'accepted', reason: undefined, resultCode: 0 },
        {
          orderId: notification.billId,
          change: {
            to: judgement.to,
            source: 'notification',
            at: base.receivedAt,
            detail: 'qiwi notification',
          },
        },
      );
      log('info', { verdict: record.verdict, reason: record.reason, resultCode: 0 }, 'qiwi notification');
      send(res, answerFor(0));
      if (applied?.outcome === 'change' && isFinal(applied.order.status)) notifyFinal(applied.order);
    } catch (error) {
      // Nothing durable, nothing acknowledged: 13 makes QIWI retry (pull §9.4–9.5, bill §9.3–9.4).
      log(
        'error',
        { verdict: 'unrecorded', resultCode: STORE_UNAVAILABLE_CODE, err: errorText(error) },
        'notification not stored; QIWI will retry',
      );
      send(res, answerFor(STORE_UNAVAILABLE_CODE));
    }
  };

  function notifyFinal(order: Order): void {
    try {
      deps.onOrderFinal?.(order);
    } catch (error) {
      logger.error({ orderId: order.id, err: errorText(error) }, 'onOrderFinal callback failed');
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
