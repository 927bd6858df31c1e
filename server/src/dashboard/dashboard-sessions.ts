// The session cookie on the wire: read from the Cookie header, written HttpOnly, SameSite=Strict,
// scoped to the admin API's path, Secure whenever the request came over https (directly, or through
// a proxy the server trusts: TRUST_PROXY) or DASHBOARD_COOKIE_SECURE says so.

import type { Request, Response } from 'express';
import type { Session, SessionCodec } from './session-token.js';

export const SESSION_COOKIE = 'qiwi_pay_dashboard';

export interface DashboardSessions {
  readonly codec: SessionCodec;
  fromRequest(req: Request): Session | undefined;
  write(req: Request, res: Response, session: Session): void;
  clear(req: Request, res: Response): void;
  /** Slides the idle window: a new cookie when the old one is a minute old. */
  touch(req: Request, res: Response, session: Session): void;
}

export interface DashboardSessionsOptions {
  readonly codec: SessionCodec;
  /** BASE_PATH; the cookie goes only to `<BASE_PATH>/v1/admin`. */
  readonly basePath: string;
  readonly alwaysSecure: boolean;
}

/** One cookie's value from a Cookie header (RFC 6265 §5.4 pairs, `; `-separated). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export function createDashboardSessions(options: DashboardSessionsOptions): DashboardSessions {
  const { codec } = options;
  const path = `${options.basePath}/v1/admin`;
  const attributes = (req: Request) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.alwaysSecure || req.secure,
    path,
  });
  const write = (req: Request, res: Response, session: Session) => {
    res.cookie(SESSION_COOKIE, codec.encode(session), { ...attributes(req), maxAge: codec.ttlMs(session) });
  };
  return {
    codec,
    fromRequest: (req) => codec.read(cookieValue(req.get('cookie'), SESSION_COOKIE)),
    write,
    clear: (req, res) => void res.clearCookie(SESSION_COOKIE, attributes(req)),
    touch(req, res, session) {
      const fresh = codec.touched(session);
      if (fresh) write(req, res, fresh);
    },
  };
}
