// What loading the script does, once per page: create the page's QiwiPay instance from the script
// tag (its data-backend and nonce), publish `window.QiwiPay`, and mount every marked element. A
// second copy of the script finds the first one's marker and only says so in the console.

import { autoMount } from './auto-mount';
import { createQiwiPay, type QiwiPay } from './qiwi-pay';
import { VERSION } from './version';

export interface QiwiPayGlobal extends QiwiPay {
  readonly version: string;
}

const LOADED = Symbol.for('qiwi-pay.loaded');

type PageWindow = Window & { QiwiPay?: QiwiPayGlobal; [LOADED]?: boolean };

/** Returns what stops watching the page for new elements (tests use it), or nothing if it did not start. */
export function install(script: HTMLOrSVGScriptElement | null): (() => void) | void {
  const page = window as PageWindow;
  try {
    if (page[LOADED]) return console.warn('[qiwi-pay] script included twice; remove the extra <script> tag');
    page[LOADED] = true;
    const qiwiPay = createQiwiPay({ backend: script?.dataset.backend, nonce: script?.nonce });
    page.QiwiPay = { version: VERSION, mount: qiwiPay.mount };
    return autoMount(qiwiPay);
  } catch (error) {
    console.error('[qiwi-pay] could not start: ' + error);
  }
}
