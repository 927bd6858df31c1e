// The script-tag entry: <script src="qiwi-pay.js" data-backend="https://shop.example/api"></script>.
// Every element with data-qiwi-pay becomes a button, now and when added later. Loading the script
// twice mounts nothing twice.

import { mount, report } from './mount.js';
import { optionsFromElement } from './options.js';

declare global {
  interface Window {
    QiwiPay?: { mount: typeof mount; version: string };
  }
}

const SELECTOR = '[data-qiwi-pay]';

function start(): void {
  if (window.QiwiPay) return; // a second copy of the script: the first one already does the work
  const script = document.currentScript as HTMLScriptElement | null;
  const backend = script?.dataset.backend;
  const nonce = script?.nonce || undefined;
  window.QiwiPay = { mount: (el, options) => mount(el, options, nonce ? { nonce } : {}), version: '0.1.0' };
  const mountAll = (scope: ParentNode) => {
    const found = scope instanceof Element && scope.matches(SELECTOR) ? [scope] : [];
    for (const el of [...found, ...scope.querySelectorAll(SELECTOR)]) {
      if (el instanceof HTMLElement) mount(el, optionsFromElement(el, backend), nonce ? { nonce } : {});
    }
  };
  const ready = () => {
    mountAll(document);
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof Element) mountAll(node);
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true });
  else ready();
}

try {
  start();
} catch (e) {
  report(`could not start: ${String(e)}`);
}
