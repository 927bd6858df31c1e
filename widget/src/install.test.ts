import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { install } from './install';

type PageWindow = Parameters<typeof install>[0];

const buttons = (element: Element | null) => [...(element?.shadowRoot?.querySelectorAll('button') ?? [])];
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function scriptTag() {
  const script = document.createElement('script');
  script.dataset.backend = 'https://shop.example/api';
  script.nonce = 'n0nce';
  return script;
}

describe('the script tag', () => {
  // A fresh window per test: install() marks the page, as it should.
  let win: PageWindow;
  beforeEach(() => {
    win = new Window({ url: 'https://shop.example/cart' }) as unknown as PageWindow;
    win.document.body.innerHTML = `
      <div id="token" data-qiwi-pay data-order-token="h.p.s" data-theme="dark">Pay with QIWI (needs JavaScript)</div>
      <div id="item" data-qiwi-pay data-item="sku-1" data-label="Buy the mug"></div>
      <div id="plain"></div>`;
    vi.spyOn(win.console, 'warn').mockImplementation(() => {});
    vi.spyOn(win.console, 'error').mockImplementation(() => {});
  });
  afterEach(() => (win as unknown as Window).happyDOM.abort());

  it('mounts every marked element with the backend of the script tag, and publishes window.QiwiPay', () => {
    install(win, scriptTag());
    const doc = win.document;
    expect(buttons(doc.getElementById('token'))).toHaveLength(1);
    expect(buttons(doc.getElementById('item'))[0]!.textContent).toBe('Buy the mug');
    expect(buttons(doc.getElementById('plain'))).toHaveLength(0);
    expect(win.QiwiPay).toMatchObject({ version: '0.1.0', mount: expect.any(Function) });
    expect(win.console.error).not.toHaveBeenCalled();
  });

  it('mounts elements added later, and stops the ones removed', async () => {
    install(win, scriptTag());
    const late = win.document.createElement('section');
    late.innerHTML = '<span data-qiwi-pay data-item="sku-2"></span>';
    win.document.body.append(late);
    await tick();
    const span = late.querySelector('span');
    expect(buttons(span)).toHaveLength(1);
    late.remove();
    await tick();
    expect(buttons(span)).toHaveLength(0);
  });

  it('keeps the button of an element that was only moved', async () => {
    install(win, scriptTag());
    const element = win.document.getElementById('item')!;
    win.document.body.prepend(element);
    await tick();
    expect(buttons(element)).toHaveLength(1);
  });

  it('loaded twice, still one button per element, and one console line saying so', async () => {
    install(win, scriptTag());
    const first = win.QiwiPay;
    install(win, scriptTag());
    install(win, scriptTag());
    expect(win.QiwiPay).toBe(first);
    const late = win.document.createElement('div');
    late.setAttribute('data-qiwi-pay', '');
    late.setAttribute('data-item', 'sku-3');
    win.document.body.append(late);
    await tick();
    for (const id of ['token', 'item']) expect(buttons(win.document.getElementById(id))).toHaveLength(1);
    expect(buttons(late)).toHaveLength(1);
    expect(win.console.warn).toHaveBeenCalledTimes(2);
    expect(vi.mocked(win.console.warn).mock.calls[0]![0]).toMatch(/^\[qiwi-pay\] script included twice/);
  });

  it('without a backend, shows "Payment unavailable" and explains once in the console', () => {
    install(win, null);
    expect(buttons(win.document.getElementById('token'))[0]!.textContent).toBe('Payment unavailable');
    expect(win.console.error).toHaveBeenCalledTimes(1);
    expect(vi.mocked(win.console.error).mock.calls[0]![0]).toMatch(
      /^\[qiwi-pay\] invalid_options: .*data-backend/,
    );
  });

  it('never throws, even in a page without the APIs it needs', () => {
    const broken = { console: win.console, document: null } as unknown as PageWindow;
    expect(() => install(broken, scriptTag())).not.toThrow();
    expect(win.console.error).toHaveBeenCalledWith(expect.stringMatching(/^\[qiwi-pay\] could not start/));
  });
});
