// The script-tag embed in a DOM: every marked element becomes one button in its own shadow root, later
// elements too, and a second copy of the script or a second mount() makes no second button.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

function buttons(el: Element): HTMLButtonElement[] {
  return [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
}

describe('script-tag embed', () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  beforeAll(async () => {
    document.body.innerHTML = `
      <style>button { display: none !important; color: red }</style>
      <div id="a" data-qiwi-pay data-backend="https://shop.example/api" data-order-token="h.p.s" data-theme="dark"></div>
      <div id="b" data-qiwi-pay data-backend="https://shop.example/api" data-item="sku-1" data-label="Buy the mug"></div>
      <div id="broken" data-qiwi-pay></div>`;
    await import('../src/embed.js');
  });
  afterAll(() => errors.mockRestore());

  it('mounts one native button per marked element, inside a shadow root', () => {
    expect(buttons(document.getElementById('a') as Element)).toHaveLength(1);
    expect(buttons(document.getElementById('b') as Element)[0]?.textContent).toBe('Buy the mug');
    // The page's own "button { display: none }" cannot reach into the shadow root.
    expect(document.querySelectorAll('button')).toHaveLength(0);
  });

  it('shows a configuration problem in the element and once in the console, without throwing', () => {
    expect(document.getElementById('broken')?.shadowRoot?.textContent).toMatch(/no backend/);
    expect(errors.mock.calls.filter((c) => String(c[0]).startsWith('[qiwi-pay] no backend'))).toHaveLength(1);
  });

  it('mounts elements added later', async () => {
    const late = document.createElement('div');
    late.dataset.qiwiPay = '';
    late.dataset.backend = 'https://shop.example/api';
    late.dataset.item = 'sku-2';
    document.body.appendChild(late);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(buttons(late)).toHaveLength(1);
  });

  it('loading the script twice, or mounting twice, still gives one button', async () => {
    vi.resetModules();
    await import('../src/embed.js');
    const a = document.getElementById('a') as HTMLElement;
    const handle = window.QiwiPay?.mount(a, { label: 'Pay now' });
    expect(buttons(a)).toHaveLength(1);
    expect(buttons(a)[0]?.textContent).toBe('Pay now');
    handle?.unmount();
    expect(buttons(a)).toHaveLength(0);
  });
});
