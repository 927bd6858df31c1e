// The two calls the button makes to the merchant's backend (DESIGN.md public contracts). No secret is
// ever here: the order is a token the shop signed, the status token is scoped to one order.

export interface Redirect {
  readonly url: string;
  readonly method: 'GET';
  readonly action: string;
  readonly params: Record<string, string>;
}

export interface CheckoutAnswer {
  readonly orderId: string;
  readonly status: string;
  readonly redirect: Redirect;
  readonly statusToken: string;
}

export interface OrderStatusAnswer {
  readonly orderId: string;
  readonly status: string;
  readonly final: boolean;
}

export class BackendError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const TIMEOUT_MS = 15_000;

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', signal: controller.signal });
  } catch {
    throw new BackendError('network', 'the payment server could not be reached');
  } finally {
    clearTimeout(timer);
  }
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string } } | undefined;
  if (!response.ok)
    throw new BackendError(
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? `HTTP ${response.status}`,
    );
  return body as T;
}

export function startCheckout(backend: string, body: Record<string, unknown>): Promise<CheckoutAnswer> {
  return call(`${backend.replace(/\/+$/, '')}/v1/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function readStatus(
  backend: string,
  orderId: string,
  statusToken: string,
): Promise<OrderStatusAnswer> {
  return call(`${backend.replace(/\/+$/, '')}/v1/orders/${encodeURIComponent(orderId)}`, {
    headers: { authorization: `Bearer ${statusToken}` },
  });
}

export const PAID = 'paid';
export const FAILED = new Set(['rejected', 'unpaid', 'expired', 'cancelled']);
