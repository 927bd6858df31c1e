// The script tag's promise: every element marked `data-qiwi-pay` becomes a button — those in the page
// now and those added later (single-page apps, lazy sections). A button whose element leaves the
// page stops polling. Attribute changes are not watched (that would observe every attribute of the
// page): after changing them, call QiwiPay.mount(element) again, which re-reads them.

import { handleOf, type QiwiPay } from './qiwi-pay';

const SELECTOR = '[data-qiwi-pay]';

/** Starts mounting the page's marked elements; returns a function that stops watching. */
export function autoMount(qiwiPay: QiwiPay): () => void {
  const page = document.documentElement;
  const each = (node: Node, run: (element: Element) => void) => {
    if (node.nodeType !== 1) return;
    if ((node as Element).matches(SELECTOR)) run(node as Element);
    (node as Element).querySelectorAll(SELECTOR).forEach(run);
  };
  const mount = (element: Element) => qiwiPay.mount(element);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => each(node, mount));
      // Records arrive after the current task, so an element that was only moved is connected again.
      record.removedNodes.forEach((node) => each(node, (el) => el.isConnected || handleOf(el)?.unmount()));
    }
  });
  observer.observe(page, { childList: true, subtree: true });
  each(page, mount);
  return () => observer.disconnect();
}
