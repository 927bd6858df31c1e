import type { Request, RequestHandler, Response } from 'express';
import { parseBasicAuth } from '../crypto/basic-auth.js';
import { safeEqual } from '../crypto/constant-time.js';
import { callerIp } from './form-body.js';

// Who may use the control API (/__sandbox/…) and the bills page. Not part of either QIWI spec: they can
// force any bill to paid, so without a configured control token they answer loopback clients only; with
// a token every caller must send `Authorization: Bearer <token>` (a browser may instead answer the Basic
// prompt with the token as its password). A request a browser sends from another origin is refused
// either way, so a web page cannot drive the sandbox through the shopper's browser (CSRF).

export interface ControlAccess {
  /** When set, required from every caller; when absent, only loopback callers are served. */
  token?: string;
}

export function isLoopback(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1';
}

/** What the guard looks at: plain data, so the rule is a pure function. */
export interface ControlCaller {
  method: string;
  ip: string;
  /** Lower-case header names. */
  headers: Partial<Record<'authorization' | 'origin' | 'sec-fetch-site' | 'host', string>>;
}

function hasToken(req: ControlCaller, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1];
  if (bearer !== undefined) return safeEqual(bearer, token);
  const basic = parseBasicAuth(header);
  return basic !== null && safeEqual(basic.password, token);
}

/** A browser names the page's origin on cross-origin requests (Origin, Sec-Fetch-Site). */
function crossSite(req: ControlCaller): boolean {
  // Sec-Fetch-Site is the browser's own verdict; the pages send Referrer-Policy: no-referrer, under which
  // Chrome sends "Origin: null" even for a same-origin form, so Origin is only the fallback.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export type Refusal = { status: 401 | 403; code: string; message: string };

export function checkControlAccess(req: ControlCaller, access: ControlAccess): Refusal | undefined {
  // Navigating to a page is harmless; anything that changes state must come from the sandbox's own pages.
  if (req.method !== 'GET' && req.method !== 'HEAD' && crossSite(req)) {
    return {
      status: 403,
      code: 'CROSS_SITE',
      message: 'The control API does not answer requests from other sites.',
    };
  }
  if (access.token !== undefined) {
    return hasToken(req, access.token)
      ? undefined
      : {
          status: 401,
          code: 'CONTROL_TOKEN_REQUIRED',
          message:
            'Send Authorization: Bearer <control token> (the CLI reads it from QIWI_SANDBOX_CONTROL_TOKEN or --control-token).',
        };
  }
  return isLoopback(req.ip)
    ? undefined
    : {
        status: 403,
        code: 'LOOPBACK_ONLY',
        message:
          'The control API answers loopback clients only; start the sandbox with a control token (QIWI_SANDBOX_CONTROL_TOKEN) to use it from elsewhere.',
      };
}

export function callerOf(req: Request): ControlCaller {
  return {
    method: req.method,
    ip: callerIp(req),
    headers: {
      authorization: req.get('authorization'),
      origin: req.get('origin'),
      'sec-fetch-site': req.get('sec-fetch-site'),
      host: req.get('host'),
    },
  };
}

/** JSON answers for the control API. */
export function controlGuard(access: ControlAccess): RequestHandler {
  return (req, res: Response, next) => {
    const refusal = checkControlAccess(callerOf(req), access);
    if (!refusal) return next();
    if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="QIWI sandbox control"');
    res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
  };
}
