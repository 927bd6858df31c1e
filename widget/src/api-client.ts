// The only code that talks to servers: the merchant's qiwi-pay server through its two public
// contracts (DESIGN.md), POST /v1/checkout and GET /v1/orders/{id} — no cookies, the status token is
// the only credential; answers are never cached, the server sends Cache-Control: no-store — and the
// shop's own order endpoint (same origin, with the shop's cookies), which answers a new order token.
// Every request has a timeout and turns every failure into a WidgetError.

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
  /** POSTs `{}` to the shop's order endpoint and returns the order token it answers. */
  newOrder(endpoint: string): Promise<string>;
}

type Answer = Partial<OrderAnswer> & {
  readonly orderToken?: string;
  readonly error?: { readonly code?: string; readonly message?: string };
};

export function createApiClient(fetch: typeof globalThis.fetch, timeoutMs = 15_000): ApiClient {
  /** Fetches `url`; an answer without `field` as a string is an error that says what was expected. */
  async function call(
    url: string,
    init: RequestInit,
    field = 'status',
    expected = 'qiwi-pay JSON, check the backend URL',
  ): Promise<Answer> {
    // Optional call: a browser without AbortSignal.timeout (Safari before 16) simply has no timeout.
    const signal = AbortSignal.timeout?.(timeoutMs);
    let response: Response;
    let body: Answer;
    try {
      response = await fetch(url, { credentials: 'omit', ...init, signal });
      // A body that is not JSON, or JSON null, is not an answer: judged below by its status.
      body = (await response.json().catch(() => null)) ?? {};
    } catch {
      throw widgetError(
        signal?.aborted ? 'timeout' : 'network',
        `no answer from ${url}: is the server up` +
          (field === 'status' ? ", and is this page's origin in its ALLOWED_ORIGINS (CORS)?" : '?'),
      );
    }
    const { status } = response;
    if (response.ok && typeof body[field as 'status'] === 'string') return body;
    throw widgetError(
      body.error?.code ?? 'http_' + status,
      `${url} answered ${status}: ${body.error?.message ?? 'not ' + expected}`,
      // The shop's endpoint may fail for a moment as well as the server: pressing again can help.
      field !== 'status' || status > 499 || status === 408 || status === 429,
    );
  }

  return {
    newOrder: (endpoint) =>
      call(
        endpoint,
        {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: '{}',
        },
        'orderToken',
        'the expected { "orderToken": "…" }: check data-order-endpoint',
      ).then((body) => body.orderToken!),
    checkout: (backend, { target, flow, paySource, idempotencyKey }) =>
      call(backend + '/v1/checkout', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        body: JSON.stringify({ ...target, flow, paySource }),
      }) as Promise<OrderAnswer>,
    order: (backend, orderId, statusToken) =>
      call(`${backend}/v1/orders/${encodeURIComponent(orderId)}`, {
        headers: { authorization: 'Bearer ' + statusToken },
      }) as Promise<OrderAnswer>,
  };
}
