// BASE_PATH: a prefix every route is mounted under, for a backend that shares a host with the shop
// (`https://shop.example/api`). The widget joins `<data-backend>/v1/checkout`, so data-backend is the
// origin plus this prefix.
import { z } from 'zod';

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

function problem(value: string): string | undefined {
  if (!value.startsWith('/')) return `must start with "/", e.g. /api`;
  if (value === '/') return 'leave it unset to serve at the root; "/" is not a prefix';
  if (value.endsWith('/')) return `must not end with "/"; use ${value.replace(/\/+$/, '') || '/api'}`;
  if (/[?#]/.test(value)) return 'must be a path only, without "?" or "#"';
  const segments = value.slice(1).split('/');
  if (segments.some((s) => s === '')) return 'must not contain "//"';
  if (segments.some((s) => s === '.' || s === '..')) return 'must not contain "." or ".." segments';
  if (!segments.every((s) => SEGMENT.test(s)))
    return 'may contain only letters, digits, "-", "_", "." and "~" between the slashes, e.g. /api or /payments/qiwi';
  return undefined;
}

export const basePath = z.string().superRefine((value, ctx) => {
  const why = problem(value);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});
