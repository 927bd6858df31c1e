// The HTTP edge: security headers, CORS only for configured origins, request ids and rate limits
// on the public endpoints.

import { randomUUID } from 'node:crypto';
import cors from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';

/** An API that serves no HTML: the strictest headers helmet offers. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}

/**
 * CORS for the widget on the merchant's pages; any other origin gets no CORS headers at all, and a
 * warning in the log that says what to configure, since the browser tells only the shopper's console.
 */
export function corsFor(origins: readonly string[], logger: Logger): RequestHandler {
  const allowed = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && origins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'idempotency-key'],
    credentials: false,
    maxAge: 600,
  });
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin !== undefined && !origins.includes(origin) && !sameHost(origin, req.get('host')))
      logger.warn(
        {
          requestId: (req as { id?: string }).id,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          origin: origin.slice(0, 200),
          preflight: req.method === 'OPTIONS',
        },
        origin === 'null'
          ? 'CORS refused: the page has no origin (a file:// page or a sandboxed frame); serve it over http(s) from an origin listed in ALLOWED_ORIGINS'
          : `CORS refused: ${origin.slice(0, 200)} is not in ALLOWED_ORIGINS; add ${origin.slice(0, 200)} to ALLOWED_ORIGINS (comma-separated) if the button is on that site`,
      );
    allowed(req, res, next);
  };
}

// A page served by this backend itself sends its own origin; that is not a cross-origin request.
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    (req as { id?: string }).id = id;
    next();
  };
}

/**
 * A limit per client address and minute. The key is `req.ip`, which is the address the last trusted
 * proxy saw (TRUST_PROXY), so buyers behind one reverse proxy do not share one bucket. Each limit has
 * its own name so checkout, status polling and notifications never eat each other's budget.
 */
export function publicRateLimit(
  perMinute: number,
  name = 'requests',
  options: { readonly countOnly?: (req: Request, res: Response) => boolean } = {},
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Said once in our own log instead (proxyHint), with the variable to set.
    validate: { xForwardedForHeader: false },
    // countOnly: requests it returns false for are given back to the client's budget afterwards.
    ...(options.countOnly
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (req, res) => !options.countOnly?.(req, res) }
      : {}),
    handler: (_req, _res, next) =>
      next(new AppError('rate_limited', `too many ${name} from this address; wait a minute and try again`)),
  });
}

/**
 * Warns once when a request arrives through a proxy (X-Forwarded-For) while TRUST_PROXY is off: every
 * client behind it then shares one address, one rate-limit bucket and one log `client`.
 */
export function proxyHint(trustProxy: unknown, logger: Logger): RequestHandler {
  let warned = trustProxy !== false;
  return (req, _res, next) => {
    if (!warned && req.get('x-forwarded-for') !== undefined) {
      warned = true;
      logger.warn(
        'a request came with X-Forwarded-For but TRUST_PROXY is off: all clients behind that proxy share one address and one rate limit; set TRUST_PROXY to the number of proxies in front of the server (or their addresses)',
      );
    }
    next();
  };
}

/** Answers that must never be stored by a browser or a shared cache (admin data, order status). */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * One log line per request: method, path, status, duration, request id, the client address (behind
 * TRUST_PROXY, the one the proxy saw) and, for admin requests, the actor (admin-auth.ts). Never
 * headers or bodies.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const actor = (res.locals as { actor?: unknown }).actor;
      logger.info(
        {
          requestId: (req as { id?: string }).id,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          client: req.ip,
          ...(typeof actor === 'string' ? { actor } : {}),
        },
        'request',
      );
    });
    next();
  };
}
