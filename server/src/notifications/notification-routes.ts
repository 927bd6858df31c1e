// POST /v1/notifications/qiwi: QIWI's server-to-server notification. The route moves bytes: the raw
// body in, receive() decides, the ledger records, the protocol's answer out.
//
// The rule that matters: answer 0 only after the record (and its status change) is committed. Then a
// crash before the answer costs a retry, never a payment; a duplicate costs nothing. The merchant
// hears of a final status through the outbox the same transaction wrote.

import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import type { Ledger } from '../ledger/index.js';
import type { NotificationAnswer, QiwiProtocol } from '../qiwi/index.js';
import { ACCEPTED_CODE, REJECTED_DATA_CODE, STORE_UNAVAILABLE_CODE } from './answer-codes.js';
import { receive } from './receive.js';

export interface NotificationRouteDeps {
  readonly ledger: Ledger;
  /** The protocol chosen at wiring: how to read a notification and how to answer it. */
  readonly protocol: QiwiProtocol;
  readonly logger: Logger;
  readonly clock?: () => Date;
}

// Exactly the protocol's Content-Type (pull §9.4 [DOC-old] counted anything else as a failure), so
// no charset parameter is added the way res.send() would.
function send(res: Response, answer: NotificationAnswer): void {
  res.status(answer.status).setHeader('Content-Type', answer.contentType);
  res.end(answer.body);
}

export function notificationRoutes(deps: NotificationRouteDeps): Router {
  const { ledger, protocol, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const router = Router();
  // QIWI posts form bodies whose signature covers the exact bytes: keep them raw (pull §9.3).
  router.post(
    '/v1/notifications/qiwi',
    express.raw({ type: () => true, limit: '64kb' }),
    async (req, res) => {
      const received = receive(protocol, {
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress,
        receivedAt: clock().toISOString(),
      });
      const claimed = received.kind === 'verified' ? received.intake : received.record;
      // One line per notification; never the body, a password, a signature or the auth header.
      const log = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, msg: string) =>
        logger[level]({ billId: claimed.billId, status: claimed.status, ...fields }, msg);

      if (received.kind === 'rejected') {
        const { reason, resultCode } = received.record;
        try {
          await ledger.recordRejectedNotification(received.record);
        } catch (error) {
          log('error', { err: errorText(error) }, 'rejected notification could not be recorded');
        }
        log('warn', { verdict: 'rejected', reason, resultCode }, 'qiwi notification rejected');
        return send(res, received.answer);
      }

      try {
        const { record } = await ledger.recordNotification(received.intake, received.word, {
          accepted: ACCEPTED_CODE,
          refused: REJECTED_DATA_CODE,
        });
        const { verdict, reason, resultCode } = record;
        if (verdict === 'rejected')
          log('warn', { verdict, reason, resultCode }, 'qiwi notification rejected');
        else log('info', { verdict, reason, resultCode }, 'qiwi notification');
        send(res, protocol.notificationAnswer(resultCode));
      } catch (error) {
        // Nothing durable, nothing acknowledged: 13 makes QIWI retry (pull §9.4–9.5, bill §9.3–9.4).
        log(
          'error',
          { verdict: 'unrecorded', resultCode: STORE_UNAVAILABLE_CODE, err: errorText(error) },
          'notification not stored; QIWI will retry',
        );
        send(res, protocol.notificationAnswer(STORE_UNAVAILABLE_CODE));
      }
    },
  );
  return router;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
