// mount(element, options): one button per element, rendered in a shadow root so the merchant's CSS
// cannot reach it and it cannot reach the merchant's page. Mounting the same element again updates
// the existing button. Nothing here throws into the page: problems show in the button and once in
// the console with the "[qiwi-pay]" prefix.

import { h, render } from 'preact';
import { PayButton } from './PayButton.js';
import { problemWith, type PayOptions } from './options.js';
import { adoptStyles } from './styles.js';

export interface PayHandle {
  update(options: Partial<PayOptions>): void;
  unmount(): void;
}

const mounted = new WeakMap<Element, { handle: PayHandle }>();

export function report(message: string): void {
  console.error(`[qiwi-pay] ${message}`);
}

function navigate(url: string): void {
  // A top-level navigation that keeps the Referer (QIWI may check it); no popup. Inside a cross-origin
  // frame the top window cannot be touched, so the frame itself navigates.
  try {
    (window.top ?? window).location.assign(url);
  } catch {
    window.location.assign(url);
  }
}

export function mount(
  element: HTMLElement,
  options: Partial<PayOptions>,
  context: { nonce?: string } = {},
): PayHandle | undefined {
  try {
    const existing = mounted.get(element);
    if (existing) {
      existing.handle.update(options);
      return existing.handle;
    }
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    adoptStyles(root, context.nonce);
    let current = { ...options };
    const returned = new URLSearchParams(window.location.search).get('order') ?? undefined;
    const draw = () => {
      const problem = problemWith(current);
      if (problem) {
        report(problem);
        render(h('p', { role: 'alert' }, 'QIWI: ' + problem), root);
        return;
      }
      const full = current as PayOptions;
      const emit = (type: 'status' | 'paid' | 'error' | 'redirect', detail: object) => {
        if (type === 'error') report((detail as { message: string }).message);
        element.dispatchEvent(new CustomEvent(`qiwi-pay:${type}`, { detail, bubbles: true, composed: true }));
        try {
          if (type === 'status') full.onStatus?.(detail as never);
          if (type === 'paid') full.onPaid?.(detail as never);
          if (type === 'error') full.onError?.(detail as never);
        } catch (e) {
          report(`a callback threw: ${String(e)}`);
        }
      };
      render(
        h(PayButton, {
          options: full,
          emit,
          navigate,
          pageLang: document.documentElement.lang,
          ...(returned ? { returnedOrderId: returned } : {}),
        }),
        root,
      );
    };
    const handle: PayHandle = {
      update(next) {
        current = { ...current, ...next };
        draw();
      },
      unmount() {
        render(null, root);
        mounted.delete(element);
      },
    };
    mounted.set(element, { handle });
    draw();
    return handle;
  } catch (e) {
    report(`could not mount: ${String(e)}`);
    return undefined;
  }
}
