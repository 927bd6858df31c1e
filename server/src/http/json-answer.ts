// JSON answers of the API: serialised once and written once. Express's res.json() serialises, then
// res.send() re-encodes the text to measure it, checks freshness and (by default) hashes it for an
// ETag that no API client here sends back; on the checkout path that showed in the CPU profile.

import type { Response } from 'express';

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
