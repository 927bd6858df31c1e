// The webhook outbox in the back office: list undelivered, dead or delivered events, show one with
// its delivery attempts, and queue dead (or delivered) events again under the same webhook-id.
// Mounted by admin-routes.ts behind the admin authentication.

import { Router, type Response } from 'express';
import { AppError } from '../errors/app-error.js';
import type { Ledger, WebhookAttempt, WebhookEvent, WebhookState } from '../ledger/index.js';
import { actorOf } from './admin-auth.js';
import { limitFilter } from './list-filters.js';

const STATES: readonly WebhookState[] = ['pending', 'dead', 'delivered'];

export interface WebhookAdminDeps {
  readonly ledger: Ledger;
  readonly clock: () => Date;
}

export const webhookView = (e: WebhookEvent) => ({
  id: e.id,
  type: e.type,
  orderId: e.orderId,
  state: e.state,
  attempts: e.attempts,
  lastError: e.lastError ?? null,
  nextAttemptAt: e.state === 'pending' ? e.nextAttemptAt : null,
  createdAt: e.createdAt,
  deliveredAt: e.deliveredAt ?? null,
  // The endpoint of the last failure; null once delivered or before any failure.
  endpoint: e.state === 'delivered' ? null : (e.lastEndpoint ?? null),
});

const deliveryView = (a: WebhookAttempt) => ({
  at: a.at,
  endpoint: a.endpoint,
  status: a.status ?? null,
  durationMs: a.durationMs,
  error: a.error ?? null,
  instance: a.instance,
});

function stateFilter(value: unknown): WebhookState | undefined {
  if (value === undefined) return undefined;
  if (!(STATES as readonly unknown[]).includes(value))
    throw new AppError('invalid_state', `state must be one of ${STATES.join(', ')}`);
  return value as WebhookState;
}

// Answers about the outbox change from one moment to the next and name orders: never cached.
const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

export function webhookAdminRoutes(deps: WebhookAdminDeps): Router {
  const router = Router();

  router.get('/v1/admin/webhooks', async (req, res) => {
    const limit = limitFilter(req.query.limit);
    const state = stateFilter(req.query.state);
    const events = await deps.ledger.listWebhooks({
      limit,
      ...(state ? { state } : {}),
      ...(typeof req.query.orderId === 'string' ? { orderId: req.query.orderId } : {}),
      ...(typeof req.query.before === 'string' ? { before: req.query.before } : {}),
    });
    noStore(res).json({
      events: events.map(webhookView),
      next: events.length === limit ? (events.at(-1)?.id ?? null) : null,
    });
  });

  router.post('/v1/admin/webhooks/redeliver', async (req, res) => {
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state !== 'dead')
      throw new AppError('invalid_state', 'send {"state":"dead"} to queue every dead event again');
    const queued = await deps.ledger.requeueDeadWebhooks(deps.clock().toISOString());
    noStore(res).status(202).json({ queued });
  });

  router.get('/v1/admin/webhooks/:eventId', async (req, res) => {
    const event = await deps.ledger.getWebhook(req.params.eventId);
    if (!event) throw new AppError('webhook_not_found', `no webhook event ${req.params.eventId}`);
    const deliveries = await deps.ledger.listWebhookAttempts(event.id);
    noStore(res).json({
      event: {
        ...webhookView(event),
        payload: JSON.parse(event.payload) as unknown,
        deliveries: deliveries.map(deliveryView),
      },
    });
  });

  router.post('/v1/admin/webhooks/:eventId/redeliver', async (req, res) => {
    const before = await deps.ledger.getWebhook(req.params.eventId);
    if (!before) throw new AppError('webhook_not_found', `no webhook event ${req.params.eventId}`);
    if (before.state === 'pending')
      throw new AppError(
        'webhook_pending',
        `webhook event ${before.id} is still being delivered (attempt ${before.attempts + 1} at ${before.nextAttemptAt})`,
      );
    const event = await deps.ledger.requeueWebhook(before.id, deps.clock().toISOString(), actorOf(res));
    noStore(res)
      .status(202)
      .json({ event: webhookView(event ?? before) });
  });

  return router;
}
