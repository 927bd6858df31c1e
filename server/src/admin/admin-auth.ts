// Admin authentication: the bearer ADMIN_TOKEN compared in constant time. The middleware names the
// actor in res.locals.actor (admin-contract): `api` for the bearer token, or `api:<name>` when the
// caller names itself in X-QiwiPay-Actor; the dashboard sets `dashboard:<name>` for its sessions.
// Admin actions record the actor in the order's history and the access log carries it.

import type { RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { constantTimeEqual } from '../qiwi/index.js';

/** A name the caller gives, reduced to what is safe in a log line and a record: ≤ 64 plain characters. */
export function sanitiseActorName(value: string | undefined): string | undefined {
  const cleaned = (value ?? '').replace(/[^A-Za-z0-9._@+-]/g, '').slice(0, 64);
  return cleaned === '' ? undefined : cleaned;
}

export function actorOf(res: Response): string | undefined {
  const actor = (res.locals as { actor?: unknown }).actor;
  return typeof actor === 'string' ? actor : undefined;
}

/** Bearer admin token, compared in constant time. A session already authenticated (dashboard) passes. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, res, next) => {
    if (actorOf(res)?.startsWith('dashboard:')) return next();
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (!constantTimeEqual(token, adminToken))
      throw new AppError('unauthorized', 'send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"');
    const name = sanitiseActorName(req.get('x-qiwipay-actor'));
    res.locals.actor = name === undefined ? 'api' : `api:${name}`;
    next();
  };
}
