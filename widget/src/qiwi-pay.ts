// The page's instance: what its buttons share (the API client, the pending-order store, the
// stylesheet, the console reporter) and `mount`, which gives each element one button inside its own
// shadow root. The script tag's entry creates it once; tests create their own with a fake fetch and
// navigation. Nothing here may throw into the merchant's page.

import { createApiClient } from './api-client';
import { handleOf, mountButton, type Page, type QiwiPayHandle } from './mounted-button';
import { navigateTop } from './navigate';
import type { QiwiPayOptions } from './options';
import { createPendingOrders } from './pending-order';
import { createReporter } from './reporter';
import { createStyler } from './styles';

export { handleOf, type QiwiPayHandle } from './mounted-button';

export interface QiwiPay {
  mount(element: Element, options?: QiwiPayOptions): QiwiPayHandle;
}

/** What the page's instance starts from; everything else is the page's own (window, storage, timers). */
export interface QiwiPayEnv {
  /** The default backend: the script tag's data-backend. */
  readonly backend?: string;
  /** The script tag's nonce, for the <style> fallback under a strict CSP. */
  readonly nonce?: string;
  readonly fetch?: typeof fetch;
  readonly navigate?: (url: string) => void;
  readonly console?: Pick<Console, 'error'>;
}

// A shadow root cannot be removed, so it stays after unmount and a later mount reuses it.
const MOUNT_POINT = Symbol.for('qiwi-pay.mount-point');

type WithMountPoint = Element & { [MOUNT_POINT]?: Element };

export function createQiwiPay(env: QiwiPayEnv = {}): QiwiPay {
  const style = createStyler(env.nonce);
  const page: Page = {
    backend: env.backend,
    api: createApiClient(env.fetch ?? fetch.bind(window)),
    pending: createPendingOrders(() => localStorage),
    navigate: env.navigate ?? navigateTop,
    log: createReporter(env.console ?? console),
  };

  /** The button renders into a <div> of its own, next to the fallback <style> if there is one. */
  const mountPoint = (element: WithMountPoint) => {
    if (!element[MOUNT_POINT]) {
      const root = element.attachShadow({ mode: 'open' });
      style(root);
      element[MOUNT_POINT] = root.appendChild(document.createElement('div'));
    }
    return element[MOUNT_POINT];
  };

  return {
    mount(element, options = {}) {
      try {
        const existing = handleOf(element);
        existing?.update(options);
        return existing ?? mountButton(element, mountPoint(element), options, page);
      } catch (error) {
        // Names the element by its tag, or says what was passed instead (a selector that found
        // nothing gives null).
        page.log(
          `cannot mount into ${element?.localName ?? element} (${error}): pass an empty <div> or <span>`,
        );
        return { element, state: 'error', update() {}, unmount() {} };
      }
    },
  };
}
