// Sign-in, the current session and sign-out for the dashboard, under the admin API's path so the
// cookie (scoped to `<BASE_PATH>/v1/admin`) reaches nothing else. The admin token is sent once, in a
// JSON body (a cross-site form cannot send JSON without a CORS preflight, which is never granted).

import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error.js';
import { constantTimeEqual } from '../qiwi/index.js';
import type { DashboardSessions } from './dashboard-sessions.js';
import { actorName, type Session } from './session-token.js';

export interface SessionRoutesDeps {
  readonly adminToken: string;
  readonly sessions: DashboardSessions;
  /** Failed sign-in attempts per minute per client address. */
  readonly signInsPerMinute: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session of a request, with its CSRF token checked on anything that changes state. */
export function sessionOf(sessions: DashboardSessions, req: Request): Session {
  const session = sessions.fromRequest(req);
  if (!session)
    throw new AppError(
      'unauthorized',
      'sign in to the dashboard (your session is missing or expired), or send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"',
    );
  if (!SAFE_METHODS.has(req.method) && !sessions.codec.csrfMatches(session, req.get('x-csrf-token')))
    throw new AppError(
      'csrf_failed',
      'send the X-CSRF-Token header with the token the dashboard session gave (GET /v1/admin/session)',
    );
  return session;
}

export function sessionRoutes(deps: SessionRoutesDeps): Router {
  const { sessions } = deps;
  const router = Router();
  const view = (session: Session) => ({
    name: session.name,
    actor: `dashboard:${session.name}`,
    csrfToken: sessions.codec.csrfToken(session),
    expiresAt: sessions.codec.expiresAt(session).toISOString(),
  });
  const noStore = (_req: Request, res: { setHeader(n: string, v: string): void }, next: () => void) => {
    res.setHeader('cache-control', 'no-store');
    next();
  };

  router.post(
    '/v1/admin/session',
    noStore,
    rateLimit({
      windowMs: 60_000,
      limit: deps.signInsPerMinute,
      // Only wrong tokens count: guessing is what is slowed down, not people signing in.
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) =>
        next(new AppError('rate_limited', 'too many sign-in attempts; wait a minute and try again')),
    }),
    (req, res) => {
      const body = (req.body ?? {}) as { token?: unknown; name?: unknown };
      const name = actorName(body.name);
      if (!name)
        throw new AppError(
          'invalid_request',
          "name: give your name (1–60 letters, digits, spaces or . _ @ ' -); it is recorded with every action you take",
        );
      if (typeof body.token !== 'string' || !constantTimeEqual(body.token, deps.adminToken))
        throw new AppError(
          'unauthorized',
          "token: that is not the admin token; it is the server's ADMIN_TOKEN",
        );
      const session = sessions.codec.issue(name);
      sessions.write(req, res, session);
      res.status(201).json({ session: view(session) });
    },
  );

  router.get('/v1/admin/session', noStore, (req, res) => {
    res.json({ session: view(sessionOf(sessions, req)) });
  });

  router.delete('/v1/admin/session', noStore, (req, res) => {
    // Signing out of a session that is already gone only clears the cookie; a live one needs its CSRF token.
    if (sessions.fromRequest(req)) sessionOf(sessions, req);
    sessions.clear(req, res);
    res.status(204).end();
  });

  return router;
}
