import type { RequestHandler } from 'express';
import type { DashboardSessions } from '../dashboard/dashboard-sessions.js';
import { sessionOf } from '../dashboard/session-routes.js';
import { AppError } from '../errors/app-error.js';
import { constantTimeEqual } from '../qiwi/index.js';

/**
 * The admin API's two doors: the bearer admin token (scripts; actor `api`), compared in constant
 * time, or the dashboard's session cookie with its CSRF token on every change (actor
 * `dashboard:<name>`). The actor goes to `res.locals.actor` for the event history and the access log.
 */
export function requireAdmin(adminToken: string, sessions?: DashboardSessions): RequestHandler {
  return (req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    const authorization = req.get('authorization');
    if (authorization === undefined && sessions) {
      const session = sessionOf(sessions, req);
      sessions.touch(req, res, session);
      res.locals.actor = `dashboard:${session.name}`;
      return next();
    }
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
    if (!constantTimeEqual(token, adminToken))
      throw new AppError('unauthorized', 'send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"');
    res.locals.actor = 'api';
    next();
  };
}
