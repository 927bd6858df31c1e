// Mounting: turns an element into a button inside its own shadow root and returns a handle to update
// or unmount it. One instance per page holds what its buttons share (the API client, the pending-
// order store, the stylesheet, the console reporter); the script tag's entry creates it once, tests
// create their own with a fake fetch and navigation. Nothing here may throw into the merchant's page.

import { h, render } from 'preact';
import { createApiClient } from './api-client';
import { navigateTop } from './navigate';
import { mergeOptions, readAttributes, resolveOptions, type Config, type QiwiPayOptions } from './options';
import { PayButton } from './PayButton';
import { createPaymentController, type EventName, type StateKind } from './payment-controller';
import { createPendingOrders } from './pending-order';
import { createReporter } from './reporter';
import { pickLocale, STRINGS } from './strings';
import { createStyler } from './styles';
import { toWidgetError, type WidgetError } from './widget-error';

export interface QiwiPayHandle {
  readonly element: Element;
  /** idle, creating, redirecting, error, waiting, stalled, paid or failed. */
  readonly state: StateKind;
  /** Merges new options (`{}` re-reads the element's attributes) and re-renders. */
  update(options: QiwiPayOptions): void;
  /** Stops polling and removes the button; the element can be mounted again. */
  unmount(): void;
}

export interface QiwiPay {
  mount(element: Element, options?: QiwiPayOptions): QiwiPayHandle;
}

export interface QiwiPayEnv {
  readonly window: Window & typeof globalThis;
  /** The default backend: the script tag's data-backend. */
  readonly backend?: string;
  /** The script tag's nonce, for the <style> fallback under a strict CSP. */
  readonly nonce?: string;
  readonly fetch?: typeof fetch;
  readonly navigate?: (url: string) => void;
  readonly console?: Pick<Console, 'error' | 'warn'>;
}

// Symbol.for, not a private symbol: a second copy of the script, or the ES module next to the
// script tag, must find the first copy's button on the element instead of mounting another.
const HANDLE = Symbol.for('qiwi-pay.handle');
const MOUNT_POINT = Symbol.for('qiwi-pay.mount-point');

type Marked = Element & { [HANDLE]?: QiwiPayHandle; [MOUNT_POINT]?: HTMLElement };

export const handleOf = (element: Element): QiwiPayHandle | undefined => (element as Marked)[HANDLE];

export function createQiwiPay(env: QiwiPayEnv): QiwiPay {
  const win = env.window;
  const doc = win.document;
  const log = createReporter(env.console ?? win.console);
  const report = (e: WidgetError) => log(`${e.code}: ${e.message}`);
  const guard = (run: () => void) => {
    try {
      run();
    } catch (error) {
      report(toWidgetError(error));
    }
  };
  const api = createApiClient(env.fetch ?? win.fetch.bind(win));
  const pending = createPendingOrders(() => win.sessionStorage);
  const style = createStyler(doc, env.nonce);
  const navigate = env.navigate ?? ((url: string) => navigateTop(win, url));
  const newKey = () =>
    Array.from(win.crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('_');

  function create(element: Marked, initial: QiwiPayOptions): QiwiPayHandle {
    if (!element[MOUNT_POINT]) {
      // A shadow root cannot be removed, so it stays after unmount and a later mount reuses it.
      const root = element.attachShadow({ mode: 'open' });
      style(root);
      element[MOUNT_POINT] = root.appendChild(doc.createElement('div'));
    }
    const container = element[MOUNT_POINT];
    let options = initial;
    let merged: QiwiPayOptions = {};
    let config: Partial<Config> = {};

    const emit = (name: EventName, detail: object) => {
      const event = new win.CustomEvent('qiwi-pay:' + name, {
        detail,
        bubbles: true,
        composed: true,
        cancelable: name === 'redirect',
      });
      element.dispatchEvent(event);
      const callback = `on${name[0]!.toUpperCase()}${name.slice(1)}` as 'onStatus';
      try {
        (options[callback] as ((detail: object) => void) | undefined)?.(detail);
      } catch (error) {
        log(`${callback} threw: ${error}`);
      }
      return !event.defaultPrevented;
    };

    const draw = () =>
      guard(() =>
        render(
          h(PayButton, {
            state: controller.state,
            strings: STRINGS[pickLocale(merged.locale, element)],
            theme: config.theme ?? 'light',
            size: config.size ?? 'medium',
            label: config.label,
            onPress: () => controller.press(),
          }),
          container,
        ),
      );

    const controller = createPaymentController(
      {
        api,
        pending,
        navigate,
        emit,
        report,
        setTimeout: (run, ms) => win.setTimeout(run, ms),
        clearTimeout: (timer) => win.clearTimeout(timer as number),
        newKey,
        returnedOrderId: () => new URLSearchParams(win.location.search).get('order'),
      },
      draw,
    );

    const configure = () => {
      merged = mergeOptions({ backend: env.backend }, readAttributes(element), options);
      const resolved = resolveOptions(merged);
      config = 'code' in resolved ? {} : resolved;
      // Reflected so the stylesheet's :host([data-full-width]) applies to JS options too.
      element.toggleAttribute('data-full-width', !!config.fullWidth);
      controller.configure(resolved);
    };

    const onPageShow = (event: PageTransitionEvent) => event.persisted && controller.pageShown();

    const handle: QiwiPayHandle = {
      element,
      get state() {
        return controller.state.kind;
      },
      update: (next) =>
        guard(() => {
          options = mergeOptions(options, next);
          configure();
        }),
      unmount: () =>
        guard(() => {
          if (element[HANDLE] !== handle) return;
          delete element[HANDLE];
          win.removeEventListener('pageshow', onPageShow);
          controller.destroy();
          render(null, container);
        }),
    };
    element[HANDLE] = handle;
    win.addEventListener('pageshow', onPageShow);
    configure();
    return handle;
  }

  return {
    mount(element, options = {}) {
      try {
        const existing = handleOf(element);
        existing?.update(options);
        return existing ?? create(element as Marked, options);
      } catch (error) {
        log(`cannot mount into <${element?.localName}> (${error}): use an empty <div> or <span>`);
        return { element, state: 'error', update() {}, unmount() {} };
      }
    },
  };
}
