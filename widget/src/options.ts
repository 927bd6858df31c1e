// What a button is configured with — the element's data attributes, then the JS options, which win —
// and the pure step that turns them into a checked configuration or an error that says how to fix
// the page.

import { WidgetError } from './widget-error';

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
  /** An order signed by the merchant's backend (dynamic carts). */
  orderToken?: string;
  /** A catalog item id (static pages); with `quantity`, default 1. */
  item?: string;
  quantity?: number;
  flow?: Flow;
  paySource?: string;
  /** "ru" or "en"; default: the page's language. */
  locale?: string;
  theme?: Theme;
  size?: Size;
  fullWidth?: boolean;
  /** Replaces "Pay with QIWI" in the idle state. */
  label?: string;
  onStatus?: (detail: StatusDetail) => void;
  onPaid?: (detail: PaidDetail) => void;
  onError?: (detail: ErrorDetail) => void;
}

export type Target = { readonly orderToken: string } | { readonly item: string; readonly quantity: number };

export interface Config {
  readonly backend: string;
  readonly target: Target;
  /** Identifies "the same purchase" across page loads, to find this button's pending order. */
  readonly ref: string;
  readonly flow?: Flow;
  readonly paySource?: string;
  readonly theme: Theme;
  readonly size: Size;
  readonly fullWidth: boolean;
  readonly label?: string;
  readonly locale?: string;
}

export type Resolved =
  | { readonly config: Config; readonly warnings: readonly string[] }
  | { readonly error: WidgetError; readonly warnings: readonly string[] };

const THEMES: readonly string[] = ['light', 'dark', 'outline'];
const SIZES: readonly string[] = ['small', 'medium', 'large'];

/** The options an element carries as `data-*` attributes; absent attributes stay undefined. */
export function readAttributes(element: Element): QiwiPayOptions {
  const a = (name: string) => element.getAttribute('data-' + name) ?? undefined;
  const quantity = a('quantity');
  const fullWidth = a('full-width');
  return {
    backend: a('backend'),
    orderToken: a('order-token'),
    item: a('item'),
    quantity: quantity === undefined ? undefined : Number(quantity),
    flow: a('flow') as Flow | undefined,
    paySource: a('pay-source'),
    locale: a('locale'),
    theme: a('theme') as Theme | undefined,
    size: a('size') as Size | undefined,
    fullWidth: fullWidth === undefined ? undefined : fullWidth !== 'false',
    label: a('label'),
  };
}

/** Later sources win, but only with values they actually set. */
export function mergeOptions(...sources: readonly QiwiPayOptions[]): QiwiPayOptions {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  }
  return out as QiwiPayOptions;
}

function configError(message: string, warnings: string[]): Resolved {
  return { error: new WidgetError('invalid_options', message, false), warnings };
}

export function resolveOptions(o: QiwiPayOptions): Resolved {
  const warnings: string[] = [];
  const backend = (o.backend ?? '').trim().replace(/\/+$/, '');
  if (!backend) {
    return configError(
      'no backend: add data-backend="https://your-shop.example/api" to the script tag or the element, or pass { backend }',
      warnings,
    );
  }
  if (!/^https?:\/\/[^/]/i.test(backend)) {
    return configError(
      `backend "${backend}" is not an absolute http(s) URL: give the full address of your qiwi-pay server`,
      warnings,
    );
  }
  if (!o.orderToken === !o.item) {
    return configError(
      o.item
        ? 'both an order token and a catalog item are set: keep one of data-order-token and data-item'
        : 'nothing to pay for: set data-order-token (an order signed by your backend) or data-item (a catalog item id)',
      warnings,
    );
  }
  const quantity = o.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1) {
    return configError(`quantity "${o.quantity}" is not a whole number of at least 1`, warnings);
  }
  if (o.flow !== undefined && o.flow !== 'checkout' && o.flow !== 'webform') {
    return configError(`flow "${o.flow}" is unknown: use "checkout" or "webform"`, warnings);
  }
  const choose = <T extends string>(name: string, value: string | undefined, allowed: readonly string[]) => {
    if (value === undefined || allowed.includes(value)) return (value ?? allowed[0]) as T;
    warnings.push(`${name} "${value}" is unknown, using "${allowed[0]}": use one of ${allowed.join(', ')}`);
    return allowed[0] as T;
  };
  const target: Target = o.orderToken ? { orderToken: o.orderToken } : { item: o.item as string, quantity };
  return {
    config: {
      backend,
      target,
      ref: 'orderToken' in target ? 't:' + target.orderToken.slice(-32) : `i:${target.item}*${quantity}`,
      flow: o.flow,
      paySource: o.paySource || undefined,
      theme: choose<Theme>('theme', o.theme, THEMES),
      size: choose<Size>('size', o.size, [SIZES[1] as string, SIZES[0] as string, SIZES[2] as string]),
      fullWidth: o.fullWidth === true,
      label: o.label?.trim() || undefined,
      locale: o.locale,
    },
    warnings,
  };
}
