// The demo shop's products. Prices are decimal strings and sums are done in kopecks: never floats.

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly price: string;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'mug', name: 'Mug "QIWI morning"', price: '450.00' },
  { id: 'tee', name: 'T-shirt, orange', price: '1290.00' },
  { id: 'stickers', name: 'Sticker pack', price: '99.90' },
];

export type Cart = ReadonlyMap<string, number>;

/** Reads `mug:2,tee:1`, keeping only known products and quantities from 1 to 9. */
export function parseCart(text: unknown): Cart {
  const cart = new Map<string, number>();
  if (typeof text !== 'string') return cart;
  for (const part of text.split(',')) {
    const [id, count] = part.split(':');
    const quantity = Number(count);
    if (PRODUCTS.some((p) => p.id === id) && Number.isInteger(quantity) && quantity >= 1 && quantity <= 9)
      cart.set(id as string, quantity);
  }
  return cart;
}

export function formatCart(cart: Cart): string {
  return [...cart].map(([id, n]) => `${id}:${n}`).join(',');
}

export function addToCart(cart: Cart, id: string): Cart {
  const next = new Map(cart);
  next.set(id, Math.min(9, (next.get(id) ?? 0) + 1));
  return next;
}

const kopecks = (price: string) => {
  const [whole, fraction = ''] = price.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};

export function cartTotal(cart: Cart): string {
  let total = 0;
  for (const [id, n] of cart) total += kopecks(PRODUCTS.find((p) => p.id === id)?.price ?? '0') * n;
  return `${Math.trunc(total / 100)}.${String(total % 100).padStart(2, '0')}`;
}
