// The script tag's promise: every element marked `data-qiwi-pay` becomes a button — those in the page
// now and those added later (single-page apps, lazy sections). A button whose element leaves the
// page stops polling. Attribute changes are not watched (that would observe every attribute of the
// page): after changing them, call QiwiPay.mount(element) again, which re-reads them.

import { handleOf, type QiwiPay } from './qiwi-pay';

const SELECTOR = '[data-qiwi-pay]';

/** Starts mounting marked elements under `doc`; returns a function that stops watching. */
export function autoMount(doc: Document, qiwiPay: QiwiPay): () => void {
  const each = (node: Node, run: (element: Element) => void) => {
    if (node.nodeType !== 1) return;
    if ((node as Element).matches(SELECTOR)) run(node as Element);
    (node as Element).querySelectorAll(SELECTOR).forEach(run);
  };
  const mount = (element: Element) => qiwiPay.mount(element);
  const observer = new (doc.defaultView as typeof globalThis).MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => each(node, mount));
      // Records arrive after the current task, so an element that was only moved is connected again.
      record.removedNodes.forEach((node) => each(node, (el) => el.isConnected || handleOf(el)?.unmount()));
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  each(doc.documentElement, mount);
  return () => observer.disconnect();
}
