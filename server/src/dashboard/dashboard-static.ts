// Serves the dashboard's built files (a copy of @qiwi-pay/dashboard's dist, made by the server's
// build into dist/dashboard/public, so an installed server needs no fourth package) under
// `<BASE_PATH>/dashboard/`, with a CSP that allows only this origin's own script and stylesheet files.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

/**
 * The dashboard's files: the copy the server's build puts next to this file (dist/dashboard/public),
 * else, when running from source in the workspace, the dashboard package's own dist.
 */
export function builtDashboardDir(): string {
  const copy = fileURLToPath(new URL('./public/', import.meta.url));
  if (existsSync(copy)) return copy;
  try {
    const manifest = createRequire(import.meta.url).resolve('@qiwi-pay/dashboard/package.json');
    return join(dirname(manifest), 'dist');
  } catch {
    return copy;
  }
}

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const dashboardHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('content-security-policy', DASHBOARD_CSP);
  res.setHeader('referrer-policy', 'no-referrer');
  next();
};

export function dashboardStatic(options: { dir: string; basePath: string }): Router {
  const router = Router();
  // The app's relative URLs (./assets/…, ../v1/admin/…) need the trailing slash.
  router.get('/dashboard', (req, res, next) => {
    if (req.originalUrl.split('?')[0]?.endsWith('/')) return next();
    res.redirect(301, `${options.basePath}/dashboard/`);
  });
  if (!existsSync(options.dir)) {
    router.use('/dashboard', () => {
      throw new AppError(
        'not_found',
        'the dashboard is not built into this server; run `pnpm run build` in the qiwi-pay workspace',
      );
    });
    return router;
  }
  router.use(
    '/dashboard',
    dashboardHeaders,
    express.static(options.dir, {
      index: 'index.html',
      redirect: false,
      // Hashed asset names never change content; the page itself is revalidated every time.
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    }),
  );
  return router;
}
