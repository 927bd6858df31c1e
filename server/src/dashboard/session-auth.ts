// The dashboard's door to the admin API: a request without `Authorization` but with the session
// cookie is let in as `dashboard:<name>` (res.locals.actor, which admin-auth.ts then accepts),
// reads with the cookie alone, changes only with the session's CSRF token. A request with neither
// goes on to admin-auth.ts, which asks for the bearer token.

import type { RequestHandler } from 'express';
import { cookieValue, SESSION_COOKIE, type DashboardSessions } from './dashboard-sessions.js';
import { sessionOf } from './session-routes.js';

export function dashboardSessionAuth(sessions: DashboardSessions): RequestHandler {
  return (req, res, next) => {
    // Scripts with the bearer token never need (or get) the session's rules.
    if (req.get('authorization') !== undefined) return next();
    if (cookieValue(req.get('cookie'), SESSION_COOKIE) === undefined) return next();
    const session = sessionOf(sessions, req);
    sessions.touch(req, res, session);
    res.locals.actor = `dashboard:${session.name}`;
    next();
  };
}
