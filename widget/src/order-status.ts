// How the widget reads an order status from GET /v1/orders/{id} (DESIGN.md): `paid` is success,
// every other final status is a failure, and anything not final (created, waiting, or a status
// added later) means "keep waiting".

export type Outcome = 'paid' | 'failed' | 'waiting';

const FAILED = ['rejected', 'unpaid', 'expired', 'cancelled'];

export function outcomeOf(status: string, final?: boolean): Outcome {
  const s = status.toLowerCase();
  if (s === 'paid') return 'paid';
  if (FAILED.includes(s) || final) return 'failed';
  return 'waiting';
}
