import type { Request } from 'express';

// pull-rest-api-2.1.md §4.2: bodies are application/x-www-form-urlencoded UTF-8, with or without
// `charset`; "+" and "%20" both decode to a space. The raw body is captured for every content type, so a
// client that forgets the header still gets a protocol answer (341) rather than an HTTP error.

export type Params = Record<string, string>;

/** First occurrence of each name wins; a null-prototype object keeps names like "__proto__" inert. */
export function toParams(search: URLSearchParams): Params {
  const params = Object.create(null) as Params;
  for (const [name, value] of search) if (!(name in params)) params[name] = value;
  return params;
}

export function bodyText(req: Request): string {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return typeof body === 'string' ? body : '';
}

export function formParams(req: Request): Params {
  return toParams(new URLSearchParams(bodyText(req)));
}

export function queryParams(req: Request): Params {
  const at = req.originalUrl.indexOf('?');
  return toParams(new URLSearchParams(at === -1 ? '' : req.originalUrl.slice(at + 1)));
}

/** Query and body together (web forms accept GET and POST); body values win. */
export function allParams(req: Request): Params {
  return Object.assign(Object.create(null) as Params, queryParams(req), formParams(req));
}

/** Splits a raw path into segments and decodes each exactly once (§4.2); null if undecodable. */
export function pathSegments(rawPath: string): string[] | null {
  try {
    return rawPath
      .split('/')
      .slice(1)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

export function callerIp(req: Request): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
