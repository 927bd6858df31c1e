// What a button is made of: attributes on the element, or options passed to mount().

export type Theme = 'light' | 'dark' | 'outline';
export type Size = 'small' | 'medium' | 'large';

export interface StatusDetail {
  readonly orderId: string;
  readonly status: string;
}

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
}

export interface PayOptions {
  /** The merchant's backend, e.g. https://shop.example/api. */
  readonly backend: string;
  /** An order signed by the shop's own backend… */
  readonly orderToken?: string;
  /** …or a catalog item the backend knows the price of. */
  readonly item?: string;
  readonly quantity?: number;
  readonly flow?: 'checkout' | 'webform';
  readonly paySource?: string;
  readonly locale?: string;
  readonly theme?: Theme;
  readonly size?: Size;
  readonly fullWidth?: boolean;
  readonly label?: string;
  readonly onStatus?: (detail: StatusDetail) => void;
  readonly onPaid?: (detail: StatusDetail) => void;
  readonly onError?: (detail: ErrorDetail) => void;
}

const THEMES: readonly Theme[] = ['light', 'dark', 'outline'];
const SIZES: readonly Size[] = ['small', 'medium', 'large'];

/** Reads data-* attributes; `fallbackBackend` is the script tag's data-backend. */
export function optionsFromElement(
  element: HTMLElement,
  fallbackBackend: string | undefined,
): Partial<PayOptions> {
  const d = element.dataset;
  const quantity = d.quantity ? Number(d.quantity) : undefined;
  const options: Record<string, unknown> = {
    backend: d.backend ?? fallbackBackend,
    orderToken: d.orderToken,
    item: d.item,
    quantity: Number.isInteger(quantity) ? quantity : undefined,
    flow: d.flow === 'checkout' || d.flow === 'webform' ? d.flow : undefined,
    paySource: d.paySource,
    locale: d.locale,
    theme: THEMES.includes(d.theme as Theme) ? d.theme : undefined,
    size: SIZES.includes(d.size as Size) ? d.size : undefined,
    fullWidth: d.fullWidth !== undefined && d.fullWidth !== 'false',
    label: d.label,
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<PayOptions>;
}

/** The reason a button cannot work, said so the merchant knows what to add; undefined when fine. */
export function problemWith(options: Partial<PayOptions>): string | undefined {
  if (!options.backend)
    return 'no backend: add data-backend="https://your-shop/api" to the script tag or the element';
  if (!options.orderToken && !options.item) return 'nothing to pay for: add data-order-token or data-item';
  return undefined;
}
