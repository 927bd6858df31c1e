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

type PageWindow = Window & typeof globalThis & { QiwiPay?: QiwiPayGlobal; [LOADED]?: boolean };

export function install(win: PageWindow, script: HTMLOrSVGScriptElement | null): void {
  try {
    if (win[LOADED]) {
      win.console.warn('[qiwi-pay] script included twice; remove the extra <script> tag');
      return;
    }
    win[LOADED] = true;
    const qiwiPay = createQiwiPay({ window: win, backend: script?.dataset.backend, nonce: script?.nonce });
    win.QiwiPay = { version: VERSION, mount: qiwiPay.mount };
    autoMount(win.document, qiwiPay);
  } catch (error) {
    win.console.error('[qiwi-pay] could not start: ' + error);
  }
}
