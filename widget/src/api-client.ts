// The only code that talks to the merchant's qiwi-pay server, through its two public contracts
// (DESIGN.md): POST /v1/checkout and GET /v1/orders/{id}. Every request has a timeout, sends no
// cookies (the status token is the only credential) and turns every failure into a WidgetError.
// Answers are never cached: the server sends Cache-Control: no-store on both.

import type { Flow, Target } from './options';
import { widgetError } from './widget-error';

/** The server also sends the action and parameters the URL was built from; the widget needs only the URL. */
export interface Redirect {
  readonly url: string;
}

export interface OrderAnswer {
  readonly orderId: string;
  readonly status: string;
  readonly final?: boolean;
  readonly amount?: string;
  readonly currency?: string;
  /** Only in the checkout answer. */
  readonly redirect?: Redirect;
  readonly statusToken?: string;
}

export interface CheckoutRequest {
  readonly target: Target;
  readonly flow?: Flow;
  readonly paySource?: string;
  /** Sent for catalog orders, so a retried click reaches the same order and the same bill. */
  readonly idempotencyKey?: string;
}

export interface ApiClient {
  checkout(backend: string, request: CheckoutRequest): Promise<OrderAnswer>;
  order(backend: string, orderId: string, statusToken: string): Promise<OrderAnswer>;
}

type Answer = Partial<OrderAnswer> & {
  readonly error?: { readonly code?: string; readonly message?: string };
};

export function createApiClient(fetch: typeof globalThis.fetch, timeoutMs = 15_000): ApiClient {
  async function call(url: string, init: RequestInit): Promise<OrderAnswer> {
    // Optional call: a browser without AbortSignal.timeout (Safari before 16) simply has no timeout.
    const signal = AbortSignal.timeout?.(timeoutMs);
    let response: Response;
    let body: Answer;
    try {
      response = await fetch(url, { ...init, credentials: 'omit', signal });
      // A body that is not JSON, or JSON null, is not a qiwi-pay answer: judged below by its status.
      body = (await response.json().catch(() => null)) ?? {};
    } catch {
      throw widgetError(
        signal?.aborted ? 'timeout' : 'network',
        `no answer from ${url}: is the server up, and is this page's origin in its ALLOWED_ORIGINS (CORS)?`,
      );
    }
    const { status } = response;
    if (response.ok && typeof body.status === 'string') return body as OrderAnswer;
    throw widgetError(
      body.error?.code ?? 'http_' + status,
      `${url} answered ${status}: ${body.error?.message ?? 'not qiwi-pay JSON, check the backend URL'}`,
      status > 499 || status === 408 || status === 429,
    );
  }

  return {
    checkout: (backend, { target, flow, paySource, idempotencyKey }) =>
      call(backend + '/v1/checkout', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        body: JSON.stringify({ ...target, flow, paySource }),
      }),
    order: (backend, orderId, statusToken) =>
      call(`${backend}/v1/orders/${encodeURIComponent(orderId)}`, {
        headers: { authorization: 'Bearer ' + statusToken },
      }),
  };
}
