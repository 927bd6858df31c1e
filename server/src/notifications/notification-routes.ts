// POST /v1/notifications/qiwi: QIWI's server-to-server notification. The route moves bytes: the raw
// body in, receive() decides, the ledger records, the protocol's answer out.
//
// The rule that matters: answer 0 only after the record (and its status change) is committed. Then a
// crash before the answer costs a retry, never a payment; a duplicate costs nothing. The merchant
// hears of a final status through the outbox the same transaction wrote.

import express, { Router, type RequestHandler, type Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { inNetworks, parseNetworks } from '../http/networks.js';
import { publicRateLimit } from '../http/security.js';
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
  /**
   * Unauthenticated rejects allowed per source address and minute (NOTIFICATION_REJECT_LIMIT_PER_MINUTE);
   * genuine notifications never count, so QIWI is not throttled by a forger on another address.
   */
  readonly rejectsPerMinute?: number;
  /** Networks allowed to post (NOTIFICATION_SOURCE_NETWORKS); undefined = any source. */
  readonly sourceNetworks?: readonly string[] | undefined;
}

/** What the intake refused before reading a body, since the process started (not stored: no body). */
export interface EdgeRefusals {
  rateLimited: number;
  sourceNotAllowed: number;
}

const GENUINE = 'qiwiNotificationGenuine';

// Exactly the protocol's Content-Type (pull §9.4 [DOC-old] counted anything else as a failure), so
// no charset parameter is added the way res.send() would.
function send(res: Response, answer: NotificationAnswer): void {
  res.status(answer.status).setHeader('Content-Type', answer.contentType);
  res.end(answer.body);
}

// Refused before the body is read: no record, only a count and the access log line.
function sourceGuard(networks: readonly string[] | undefined, refusals: EdgeRefusals): RequestHandler {
  if (networks === undefined) return (_req, _res, next) => next();
  const allowed = parseNetworks('NOTIFICATION_SOURCE_NETWORKS', networks);
  return (req, _res, next) => {
    if (inNetworks(allowed, req.ip)) return next();
    refusals.sourceNotAllowed += 1;
    next(
      new AppError(
        'source_not_allowed',
        'notifications are accepted only from NOTIFICATION_SOURCE_NETWORKS; if QIWI posts from here, add its network (pull-rest-api-2.1.md §9.2)',
      ),
    );
  };
}

export function notificationRoutes(deps: NotificationRouteDeps): Router & { refusals: EdgeRefusals } {
  const { ledger, protocol, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const refusals: EdgeRefusals = { rateLimited: 0, sourceNotAllowed: 0 };
  const router = Router();
  const rejectLimit = publicRateLimit(deps.rejectsPerMinute ?? 30, 'rejected notifications', {
    countOnly: (_req, res) => res.locals[GENUINE] !== true,
  });
  // QIWI posts form bodies whose signature covers the exact bytes: keep them raw (pull §9.3).
  router.post(
    '/v1/notifications/qiwi',
    sourceGuard(deps.sourceNetworks, refusals),
    (req, res, next) =>
      void rejectLimit(req, res, (error?: unknown) => {
        if (error instanceof AppError && error.code === 'rate_limited') refusals.rateLimited += 1;
        next(error);
      }),
    express.raw({ type: () => true, limit: '64kb' }),
    async (req, res) => {
      const received = receive(protocol, {
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        headers: req.headers,
        // Behind TRUST_PROXY, the address the proxy saw.
        remoteAddress: req.ip,
        receivedAt: clock().toISOString(),
      });
      if (received.kind === 'verified') res.locals[GENUINE] = true;
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
  return Object.assign(router, { refusals });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
