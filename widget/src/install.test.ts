import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { install, type QiwiPayGlobal } from './install';

type PageWindow = Window & { QiwiPay?: QiwiPayGlobal; [key: symbol]: unknown };

const page = window as unknown as PageWindow;
const buttons = (element: Element | null) => [...(element?.shadowRoot?.querySelectorAll('button') ?? [])];
/** MutationObserver records arrive after the current task. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function scriptTag() {
  const script = document.createElement('script');
  script.dataset.backend = 'https://shop.example/api';
  script.nonce = 'n0nce';
  return script;
}

describe('the script tag', () => {
  let stop: (() => void) | void;
  let warn: MockInstance<Console['warn']>;
  let error: MockInstance<Console['error']>;
  const run = (script: HTMLScriptElement | null) => {
    const result = install(script);
    stop ??= result;
    return result;
  };

  beforeEach(() => {
    document.body.innerHTML = `
      <div id="token" data-qiwi-pay data-order-token="h.p.s" data-theme="dark">Pay with QIWI (needs JavaScript)</div>
      <div id="item" data-qiwi-pay data-item="sku-1" data-label="Buy the mug"></div>
      <div id="plain"></div>`;
    localStorage.clear();
    // install() marks the page as loaded, as it should: each test is a fresh page load.
    delete page[Symbol.for('qiwi-pay.loaded')];
    delete page.QiwiPay;
    stop = undefined;
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    error = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    // Otherwise this test's observer would mount the next test's elements.
    stop?.();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('mounts every marked element with the backend of the script tag, and publishes window.QiwiPay', () => {
    // Never answers: enough to see where the button sends its checkout.
    const fetch = vi.fn(() => new Promise<Response>(() => {}));
    vi.stubGlobal('fetch', fetch);
    run(scriptTag());
    expect(stop).toBeTypeOf('function');
    expect(buttons(document.getElementById('token'))).toHaveLength(1);
    expect(document.getElementById('token')!.shadowRoot!.querySelector('.dark')).toBeTruthy();
    const item = buttons(document.getElementById('item'));
    expect(item.map((b) => b.textContent)).toEqual(['Buy the mug']);
    expect(buttons(document.getElementById('plain'))).toHaveLength(0);
    expect(page.QiwiPay).toEqual({ version: '0.1.0', mount: expect.any(Function) });
    expect(error).not.toHaveBeenCalled();
    item[0]!.click();
    expect(fetch).toHaveBeenCalledWith('https://shop.example/api/v1/checkout', expect.anything());
  });

  it('mounts elements added later, and unmounts the ones removed', async () => {
    run(scriptTag());
    const late = document.createElement('section');
    late.innerHTML = '<span data-qiwi-pay data-item="sku-2"></span>';
    document.body.append(late);
    await tick();
    const span = late.querySelector('span');
    expect(buttons(span)).toHaveLength(1);
    late.remove();
    await tick();
    expect(buttons(span)).toHaveLength(0);
  });

  it('keeps the button of an element that was only moved', async () => {
    run(scriptTag());
    const element = document.getElementById('item')!;
    const [before] = buttons(element);
    const handle = page.QiwiPay!.mount(element);
    document.body.prepend(element);
    await tick();
    // The same button and handle, not a new mount.
    expect(buttons(element)).toEqual([before]);
    expect(page.QiwiPay!.mount(element)).toBe(handle);
  });

  it('loaded twice, still one button per element, and one console line per extra copy', async () => {
    run(scriptTag());
    const first = page.QiwiPay;
    expect(run(scriptTag())).toBeUndefined();
    expect(run(scriptTag())).toBeUndefined();
    expect(page.QiwiPay).toBe(first);
    const late = document.createElement('div');
    late.setAttribute('data-qiwi-pay', '');
    late.setAttribute('data-item', 'sku-3');
    document.body.append(late);
    await tick();
    for (const id of ['token', 'item']) expect(buttons(document.getElementById(id))).toHaveLength(1);
    expect(buttons(late)).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(2);
    for (const [line] of warn.mock.calls) expect(line).toMatch(/^\[qiwi-pay\] script included twice/);
  });

  it('without a backend, shows "Payment unavailable" and explains once in the console', () => {
    run(null);
    for (const id of ['token', 'item']) {
      expect(buttons(document.getElementById(id)).map((b) => b.textContent)).toEqual(['Payment unavailable']);
    }
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]![0]).toMatch(/^\[qiwi-pay\] invalid_options: .*data-backend/);
  });

  it('never throws, even in a page without an API it needs', () => {
    vi.stubGlobal('MutationObserver', undefined);
    expect(() => run(scriptTag())).not.toThrow();
    expect(stop).toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[qiwi-pay\] could not start/));
  });
});
