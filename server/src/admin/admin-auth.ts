import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';
import { constantTimeEqual } from '../qiwi/index.js';

/** Bearer admin token, compared in constant time. */
export function requireAdmin(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (!constantTimeEqual(token, adminToken))
      throw new AppError('unauthorized', 'send the admin token as "Authorization: Bearer <ADMIN_TOKEN>"');
    next();
  };
}
