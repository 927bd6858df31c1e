// What a checkout is asked to sell, whether it came from a signed order token or the catalog. The
// browser contributes only the flow and a pay-source preference; everything that matters comes from
// the token or the server's catalog.

import { createHash } from 'node:crypto';
import type { Catalog } from './catalog.js';
import { findItem } from './catalog.js';
import type { OrderClaims } from './order-token.js';
import { formatAmount, parseAmount, minorUnits } from '../qiwi/index.js';
import { AppError } from '../errors/app-error.js';

export interface OrderRequest {
  readonly id: string;
  readonly amount: string;
  readonly currency: string;
  readonly comment: string;
  readonly phone: string | undefined;
  readonly lifetimeSeconds: number | undefined;
  readonly successUrl: string | undefined;
  readonly failUrl: string | undefined;
  readonly paySource: string | undefined;
  readonly origin: 'token' | 'catalog';
}

export function fromClaims(claims: OrderClaims): OrderRequest {
  return {
    id: claims.orderId,
    amount: claims.amount,
    currency: claims.currency,
    comment: claims.comment,
    phone: claims.phone,
    lifetimeSeconds: claims.lifetime,
    successUrl: claims.successUrl,
    failUrl: claims.failUrl,
    paySource: claims.paySource,
    origin: 'token',
  };
}

/**
 * A catalog order. The Idempotency-Key is required and the id is derived from it, so a retried or
 * double-clicked request reaches the same order (and the same bill) instead of a new one: a page can
 * create orders only as fast as the checkout rate limit per client lets it pick new keys, never by
 * retrying. The widget sends one key per purchase.
 */
export function fromCatalog(
  catalog: Catalog | undefined,
  body: { item?: unknown; quantity?: unknown },
  idempotencyKey: string | undefined,
): OrderRequest {
  const { id, item, quantity } = findItem(catalog, body.item, body.quantity);
  const total = parseAmount(item.amount) * quantity;
  if (idempotencyKey === undefined)
    throw new AppError(
      'idempotency_key_required',
      'a catalog checkout needs an Idempotency-Key header (8 to 128 letters, digits, "-" or "_"), the same on every retry of one purchase',
    );
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(idempotencyKey)) {
    throw new AppError(
      'invalid_idempotency_key',
      'Idempotency-Key must be 8 to 128 letters, digits, "-" or "_"',
    );
  }
  const suffix = createHash('sha256')
    .update(`${id}|${quantity}|${idempotencyKey}`)
    .digest('base64url')
    .slice(0, 20);
  return {
    // "c" + 20 URL-safe characters: within the 30-character limit of web forms and Bill 1.0.0.
    id: ('c' + suffix).replace(/[^A-Za-z0-9_-]/g, '_'),
    amount: formatAmount(minorUnits(total)),
    currency: item.currency,
    comment: item.comment ?? (quantity > 1 ? `${item.name} × ${quantity}` : item.name),
    phone: undefined,
    lifetimeSeconds: undefined,
    successUrl: catalog?.successUrl,
    failUrl: catalog?.failUrl,
    paySource: undefined,
    origin: 'catalog',
  };
}
