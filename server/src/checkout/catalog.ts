// Catalog mode for static pages: the page names an item, the server knows its price. The browser can
// choose what to buy and how many, never what it costs.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

const itemSchema = z.object({
  name: z.string().min(1).max(200),
  amount: z
    .string()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, 'amount must be a decimal string with at most 2 decimals, e.g. "10.50"'),
  currency: z.string().regex(/^[A-Z]{3}$/),
  comment: z.string().max(255).optional(),
  maxQuantity: z.number().int().positive().max(1000).default(10),
});

const catalogSchema = z.object({
  items: z.record(
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'item ids are letters, digits, "-" and "_"'),
    itemSchema,
  ),
  successUrl: z.url().optional(),
  failUrl: z.url().optional(),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogItem = z.infer<typeof itemSchema>;

export function parseCatalog(json: unknown, source = 'catalog'): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'invalid_config',
      `${source} is not a valid catalog:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

export function loadCatalog(path: string): Catalog {
  return parseCatalog(JSON.parse(readFileSync(path, 'utf8')), path);
}

export function findItem(
  catalog: Catalog | undefined,
  itemId: unknown,
  quantity: unknown,
): { id: string; item: CatalogItem; quantity: number } {
  if (!catalog)
    throw new AppError('catalog_disabled', 'this server has no catalog; send an orderToken instead');
  if (typeof itemId !== 'string' || !Object.hasOwn(catalog.items, itemId))
    throw new AppError('unknown_item', `no catalog item ${JSON.stringify(itemId)}`);
  const item = catalog.items[itemId] as CatalogItem;
  const count = quantity === undefined ? 1 : quantity;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > item.maxQuantity) {
    throw new AppError('invalid_quantity', `quantity must be a whole number from 1 to ${item.maxQuantity}`);
  }
  return { id: itemId, item, quantity: count };
}
