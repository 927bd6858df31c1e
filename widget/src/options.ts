// What a button is configured with — the element's data attributes, then the JS options, which win —
// and the pure step that turns them into a configuration, or an error that says how to fix the page.
// Values only the server can judge (quantity, flow, pay source) are passed through: it answers a
// precise 400 that reaches the console.

import { widgetError, type WidgetError } from './widget-error';

export type Theme = 'light' | 'dark' | 'outline';
export type Size = 'small' | 'medium' | 'large';
export type Flow = 'checkout' | 'webform';

export interface StatusDetail {
  readonly orderId: string;
  readonly status: string;
  readonly final: boolean;
}
export interface PaidDetail {
  readonly orderId: string;
  readonly amount?: string;
  readonly currency?: string;
}
export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
}
export interface RedirectDetail {
  readonly orderId: string;
  readonly url: string;
}

export interface QiwiPayOptions {
  /** Base URL of the merchant's qiwi-pay server, e.g. "https://shop.example/api". */
  backend?: string;
  /** An order signed by the merchant's backend (dynamic carts)… */
  orderToken?: string;
  /**
   * A same-origin URL of the merchant's own backend that answers `POST` with `{ "orderToken": "…" }`:
   * a new order for the first press, for "Try again", and when `orderToken` has expired.
   */
  orderEndpoint?: string;
  /** The same from code: resolves to a new order token. */
  createOrder?: () => Promise<string>;
  /** …or a catalog item id (static pages), with `quantity` (default 1). */
  item?: string;
  quantity?: number;
  flow?: Flow;
  paySource?: string;
  /** "ru" or "en"; default: the language of the page. */
  locale?: string;
  theme?: Theme;
  size?: Size;
  fullWidth?: boolean;
  /** Replaces "Pay with QIWI" in the idle state. */
  label?: string;
  /** The shop's return page: shows the status of the order the shopper comes back from, and pays nothing. */
  return?: boolean;
  onStatus?: (detail: StatusDetail) => void;
  onPaid?: (detail: PaidDetail) => void;
  onError?: (detail: ErrorDetail) => void;
}

export type Target = { readonly orderToken: string } | { readonly item: string; readonly quantity?: number };

export interface Config {
  readonly backend: string;
  /** A return element pays nothing. */
  readonly return: boolean;
  /** Absent when every order comes from the endpoint or createOrder. */
  readonly target?: Target;
  /** Where new orders come from, if the page gave a way. */
  readonly endpoint?: string;
  readonly createOrder?: () => Promise<string>;
  /** Identifies "the same purchase" across page loads, to find this button's pending order. */
  readonly ref: string;
  readonly flow?: Flow;
  readonly paySource?: string;
  readonly theme: Theme;
  readonly size: Size;
  readonly label?: string;
}

/**
 * The options an element carries as data attributes: `data-order-token` is `orderToken`, so the
 * element's dataset already has the options' names. Only what the element sets is returned.
 */
export function readAttributes(element: Element): QiwiPayOptions {
  const { quantity, fullWidth, return: back, ...data } = (element as HTMLElement).dataset ?? {};
  // data-full-width alone means true; data-full-width="false" means false. The same for data-return.
  const yes = (value?: string) => (value === undefined ? undefined : value !== 'false');
  return mergeOptions(data, {
    quantity: quantity ? +quantity : undefined,
    fullWidth: yes(fullWidth),
    return: yes(back),
  });
}

/** Later sources win, but only with values they actually set. */
export function mergeOptions(...sources: readonly QiwiPayOptions[]): QiwiPayOptions {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A configuration, or a WidgetError that says what to add to the page. */
export function resolveOptions(o: QiwiPayOptions): Config | WidgetError {
  const backend = (o.backend ?? '').replace(/\/+$/, '');
  const { orderToken, item } = o;
  if (!/^https?:\/\/./i.test(backend)) {
    return widgetError(
      'invalid_options',
      `backend "${backend}" must be an http(s) URL: set data-backend or the backend option`,
      false,
    );
  }
  let endpoint: string | undefined;
  if (o.orderEndpoint) {
    const url = new URL(o.orderEndpoint, location.href);
    // Cookies and the shop's own session go with it, and the page's CSP need not name another site.
    if (url.origin !== location.origin) {
      return widgetError(
        'invalid_options',
        `data-order-endpoint "${url}" must be on this page's origin (${location.origin}): serve it from your shop's own backend, or pass createOrder`,
        false,
      );
    }
    endpoint = url.href;
  }
  const source = endpoint || o.createOrder;
  if (!o.return && (item ? orderToken || source : !orderToken && !source)) {
    return widgetError(
      'invalid_options',
      'set data-order-token and/or data-order-endpoint (or createOrder), or else data-item; a return page sets data-return',
      false,
    );
  }
  return {
    backend,
    return: !!o.return,
    target: item ? { item, quantity: o.quantity } : orderToken ? { orderToken } : undefined,
    endpoint,
    createOrder: o.createOrder,
    // The end of a token is its signature: unique per order, and short enough to store.
    ref: o.return
      ? ''
      : orderToken
        ? orderToken.slice(-32)
        : item
          ? item + '*' + o.quantity
          : endpoint || 'createOrder',
    flow: o.flow,
    paySource: o.paySource,
    // Unknown names are harmless: the stylesheet's defaults are the light theme and medium size.
    theme: o.theme ?? 'light',
    size: o.size ?? 'medium',
    label: o.label,
  };
}
