import type { RequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import { restEffects } from '../domain/fault-kinds.js';
import { takeFaults } from '../domain/faults.js';
import { negotiate, sendEnvelope } from './rest-response.js';

// REST fault injection (pull-rest-api-2.1.md §14 "Fault injection for 13, 300, 1003 and for slow/hanging
// responses"): a delay first, then a dropped connection, an HTTP 500, or a protocol error code.

export function restFaults(ctx: SandboxContext): RequestHandler {
  return async (req, res, next) => {
    const fired = takeFaults(ctx.state, 'rest', req.originalUrl.split('?')[0] ?? '', req.method);
    if (fired.length === 0) {
      next();
      return;
    }
    const effects = restEffects(fired);
    const delay = effects.delayMs;
    if (delay > 0) {
      // A "hanging" response: wait, but stop waiting as soon as the client gives up or the server closes.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        timer.unref();
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (res.destroyed || req.socket.destroyed) return;
    ctx.log(`fault ${[...new Set(fired.map((f) => f.kind))].join('+')} on ${req.method} ${req.originalUrl}`);
    if (effects.drop) {
      req.socket.destroy();
      return;
    }
    if (effects.http500) {
      res.status(500).setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      return;
    }
    if (effects.resultCode !== undefined) {
      sendEnvelope(res, negotiate(req.get('accept')), ctx.config.httpStatusProfile, {
        code: effects.resultCode,
      });
      return;
    }
    next();
  };
}
