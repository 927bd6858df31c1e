// Entry of the ES module build (dist/qiwi-pay.mjs) for merchants who bundle: the same `mount` as
// `window.QiwiPay.mount`, with no side effect on import — nothing touches the page until the first
// mount, which creates the page's instance.

import { createQiwiPay, type QiwiPay } from './qiwi-pay';
import type { QiwiPayOptions } from './options';

export { createQiwiPay, type QiwiPay, type QiwiPayEnv, type QiwiPayHandle } from './qiwi-pay';
export { autoMount } from './auto-mount';
export type { QiwiPayOptions, StatusDetail, PaidDetail, ErrorDetail, RedirectDetail } from './options';
export type { StateKind } from './machine';
export { VERSION as version } from './version';

let page: QiwiPay | undefined;

/** Mounts the button into `element`; see QiwiPayOptions. Mounting the same element again updates it. */
export function mount(element: Element, options?: QiwiPayOptions) {
  page ??= createQiwiPay();
  return page.mount(element, options);
}
