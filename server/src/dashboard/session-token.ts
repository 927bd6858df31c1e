// The dashboard's session, carried whole in its cookie and signed with HMAC-SHA256: any instance
// behind a load balancer verifies it with the same key and no shared store (server/README.md
// "Dashboard"). The CSRF token is derived from the session id with the same key (a stateless
// synchronizer token): a page on another site can neither read it nor compute it.

import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../qiwi/index.js';

export interface Session {
  /** Random id of this sign-in; the CSRF token is bound to it. */
  readonly sid: string;
  /** The person's name given at sign-in; the actor is `dashboard:<name>`. */
  readonly name: string;
  /** Signed in at (ms since epoch): the absolute expiry counts from here. */
  readonly iat: number;
  /** Last request seen (ms): the idle expiry counts from here. */
  readonly seen: number;
}

export interface SessionCodecOptions {
  /** DASHBOARD_SESSION_SECRET, or the admin token when unset (the key is derived, never the token itself). */
  readonly secret: string;
  readonly absoluteMs: number;
  readonly idleMs: number;
  readonly now: () => Date;
}

export interface SessionCodec {
  issue(name: string): Session;
  /** The session in a cookie value, or undefined when forged, malformed or expired. */
  read(value: string | undefined): Session | undefined;
  encode(session: Session): string;
  csrfToken(session: Session): string;
  csrfMatches(session: Session, received: string | undefined): boolean;
  expiresAt(session: Session): Date;
  /** How long from now the session stays valid (the cookie's Max-Age). */
  ttlMs(session: Session): number;
  /** The session with `seen` moved to now, when enough time passed to be worth a new cookie. */
  touched(session: Session): Session | undefined;
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

/** Re-issue the cookie at most once a minute: the idle window only needs minute precision. */
const TOUCH_AFTER_MS = 60_000;

export function createSessionCodec(options: SessionCodecOptions): SessionCodec {
  // A key of its own, so a session MAC can never be replayed as anything else signed from the secret.
  const key = Buffer.from(
    hkdfSync('sha256', options.secret, 'qiwi-pay', 'dashboard session v1', 32) as ArrayBuffer,
  );
  const mac = (data: string) => createHmac('sha256', key).update(data).digest('base64url');
  const now = () => options.now().getTime();
  const expiresAt = (s: Session) => new Date(Math.min(s.iat + options.absoluteMs, s.seen + options.idleMs));

  const codec: SessionCodec = {
    issue(name) {
      const at = now();
      return { sid: b64(randomBytes(18)), name, iat: at, seen: at };
    },
    encode(session) {
      const body = b64(JSON.stringify(session));
      return `${body}.${mac(`session.${body}`)}`;
    },
    read(value) {
      if (!value || value.length > 2048) return undefined;
      const [body, signature, extra] = value.split('.');
      if (!body || !signature || extra !== undefined) return undefined;
      if (!constantTimeEqual(signature, mac(`session.${body}`))) return undefined;
      let session: Session;
      try {
        session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session;
      } catch {
        return undefined;
      }
      if (typeof session.sid !== 'string' || typeof session.name !== 'string') return undefined;
      if (!Number.isFinite(session.iat) || !Number.isFinite(session.seen)) return undefined;
      return expiresAt(session).getTime() > now() ? session : undefined;
    },
    csrfToken: (session) => mac(`csrf.${session.sid}`),
    csrfMatches: (session, received) =>
      typeof received === 'string' && constantTimeEqual(received, codec.csrfToken(session)),
    expiresAt,
    ttlMs: (session) => Math.max(expiresAt(session).getTime() - now(), 0),
    touched(session) {
      const at = now();
      return at - session.seen >= TOUCH_AFTER_MS ? { ...session, seen: at } : undefined;
    },
  };
  return codec;
}

/** A name fit for the event history and the access log: printable, short, no separators that could forge a log field. */
export function actorName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 60) return undefined;
  return /^[\p{L}\p{N} ._@'-]+$/u.test(name) ? name : undefined;
}
