import { within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, checkoutAnswer, errorAnswer, json, orderAnswer } from './contract-fixtures';
import { createQiwiPay } from './qiwi-pay';

const inShadow = (element: Element) => within(element.shadowRoot as unknown as HTMLElement);

function page(answers: Response[] = []) {
  const fetch = vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) => answers.shift() ?? json({}, 500),
  );
  const navigate = vi.fn();
  const console = { error: vi.fn() };
  const qiwiPay = createQiwiPay({ backend: BACKEND, fetch, navigate, console });
  return { qiwiPay, fetch, navigate, console };
}

const host = (attributes = 'data-order-token="h.p.s"') => {
  document.body.insertAdjacentHTML('beforeend', `<div data-qiwi-pay ${attributes}></div>`);
  return document.body.lastElementChild!;
};

beforeEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

describe('mount', () => {
  it('renders one native button inside an open shadow root, styled by an adopted sheet', () => {
    const element = host();
    page().qiwiPay.mount(element);
    expect(inShadow(element).getByRole('button', { name: 'Pay with QIWI' })).toBeTruthy();
    expect(element.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(element.shadowRoot!.querySelector('style')).toBeNull();
    expect(document.querySelectorAll('button')).toHaveLength(0);
  });

  it("is out of reach of the merchant's CSS, and leaks none into the page", () => {
    document.head.insertAdjacentHTML('beforeend', '<style id="shop">button { display: none }</style>');
    const element = host();
    page().qiwiPay.mount(element);
    const button = inShadow(element).getByRole('button');
    expect(getComputedStyle(button).display).not.toBe('none');
    expect(document.head.querySelectorAll('style')).toHaveLength(1);
    document.getElementById('shop')!.remove();
  });

  it('pays: POST /v1/checkout, events on the element, callbacks, then top-level navigation', async () => {
    const element = host('data-item="sku-1" data-quantity="2" data-flow="webform" data-pay-source="qw"');
    const { qiwiPay, fetch, navigate } = page([json(checkoutAnswer(), 201)]);
    const events: string[] = [];
    for (const name of ['status', 'redirect', 'paid', 'error']) {
      document.addEventListener('qiwi-pay:' + name, (e) =>
        events.push(`${name} ${JSON.stringify((e as CustomEvent).detail)}`),
      );
    }
    const onStatus = vi.fn();
    qiwiPay.mount(element, { onStatus });
    await userEvent.click(inShadow(element).getByRole('button'));
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith(checkoutAnswer().redirect.url));
    const init = fetch.mock.calls[0]![1]!;
    expect(JSON.parse(init.body as string)).toEqual({
      item: 'sku-1',
      quantity: 2,
      flow: 'webform',
      paySource: 'qw',
    });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[\w-]{8,128}$/);
    expect(inShadow(element).getByRole('button', { name: 'Opening QIWI…' })).toBeTruthy();
    expect(onStatus).toHaveBeenCalledWith({ orderId: 'order-1001', status: 'created', final: false });
    expect(events).toEqual([
      'status {"orderId":"order-1001","status":"created","final":false}',
      `redirect {"orderId":"order-1001","url":"${checkoutAnswer().redirect.url}"}`,
    ]);
  });

  it('shows errors in the button and once in the console, with the prefix; retry works', async () => {
    const element = host();
    const { qiwiPay, navigate, console } = page([
      json(errorAnswer('qiwi_unavailable', 'try again in a moment'), 503),
      json(errorAnswer('qiwi_unavailable', 'try again in a moment'), 503),
      json(checkoutAnswer()),
    ]);
    const onError = vi.fn();
    qiwiPay.mount(element, { onError });
    const button = () => inShadow(element).getByRole('button');
    await userEvent.click(button());
    await vi.waitFor(() => expect(button().textContent).toBe('Payment did not start. Try again'));
    await userEvent.click(button());
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2));
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.error.mock.calls[0]![0]).toMatch(
      /^\[qiwi-pay\] qiwi_unavailable: .*try again in a moment/,
    );
    await userEvent.click(button());
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  });

  it('explains a broken setup in the console and shows "Payment unavailable", without throwing', () => {
    const element = host('');
    const { qiwiPay, console, fetch } = page();
    expect(() => qiwiPay.mount(element)).not.toThrow();
    expect(inShadow(element).getByRole('button', { name: 'Payment unavailable' })).toBeTruthy();
    expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[qiwi-pay\] invalid_options: .*data-order-token/),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('never throws into the page, even for an element that cannot hold our shadow root', () => {
    const { qiwiPay, console } = page();
    const taken = document.createElement('div');
    taken.attachShadow({ mode: 'closed' });
    const handle = qiwiPay.mount(taken, { orderToken: 't' });
    expect(handle.state).toBe('error');
    expect(() => handle.update({})).not.toThrow();
    expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[qiwi-pay\] cannot mount into div .*empty <div>/),
    );
    expect(qiwiPay.mount(null as unknown as Element).state).toBe('error');
    expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[qiwi-pay\] cannot mount into null /),
    );
    const throwing = page();
    const element = host();
    throwing.qiwiPay.mount(element, {
      onError: () => {
        throw new Error('merchant bug');
      },
    });
    expect(() =>
      throwing.qiwiPay.mount(element, { orderToken: undefined, item: undefined, backend: 'nope' }),
    ).not.toThrow();
    expect(throwing.console.error).toHaveBeenCalledWith(
      expect.stringMatching(/onError threw: Error: merchant bug/),
    );
  });

  it('mounting an element twice gives one button and the same handle, updated', () => {
    const element = host();
    const { qiwiPay } = page();
    const first = qiwiPay.mount(element);
    const second = qiwiPay.mount(element, { label: 'Pay now', theme: 'dark', fullWidth: true });
    expect(second).toBe(first);
    expect(inShadow(element).getAllByRole('button')).toHaveLength(1);
    expect(inShadow(element).getByRole('button').textContent).toBe('Pay now');
    expect(element.shadowRoot!.querySelector('.dark')).toBeTruthy();
    expect(element.hasAttribute('data-full-width')).toBe(true);
    // Another instance (a second copy of the script, or the ES module) finds the same button.
    expect(page().qiwiPay.mount(element)).toBe(first);
  });

  it('re-reads attributes when mounted again, and can be unmounted and mounted back', () => {
    const element = host();
    const { qiwiPay } = page();
    const handle = qiwiPay.mount(element);
    element.setAttribute('data-label', 'Pay 10 ₽');
    qiwiPay.mount(element);
    expect(inShadow(element).getByRole('button').textContent).toBe('Pay 10 ₽');
    handle.unmount();
    expect(inShadow(element).queryAllByRole('button')).toHaveLength(0);
    const again = qiwiPay.mount(element);
    expect(again).not.toBe(handle);
    expect(inShadow(element).getAllByRole('button')).toHaveLength(1);
  });

  it.each([
    ['ru', '', 'Оплатить через QIWI'],
    ['en', 'ru', 'Оплатить через QIWI'],
    ['ru', 'en', 'Pay with QIWI'],
    ['ru-RU', '', 'Оплатить через QIWI'],
    ['de', '', 'Pay with QIWI'],
  ])(
    'picks the language from <html lang="%s"> unless data-locale="%s" says otherwise',
    (lang, locale, name) => {
      document.documentElement.lang = lang;
      const element = host(`data-order-token="t" ${locale ? `data-locale="${locale}"` : ''}`);
      page().qiwiPay.mount(element);
      expect(inShadow(element).getByRole('button', { name })).toBeTruthy();
    },
  );

  it('on the return page, waits for the remembered order and shows paid', async () => {
    localStorage.setItem(
      'qiwi-pay:orders',
      JSON.stringify([
        { orderId: 'order-1001', statusToken: 'st', backend: BACKEND, ref: 'h.p.s', at: Date.now() },
      ]),
    );
    const element = host();
    const { qiwiPay, fetch } = page([json(orderAnswer('waiting', false)), json(orderAnswer('paid', true))]);
    const onPaid = vi.fn();
    element.addEventListener('qiwi-pay:paid', (e) => onPaid((e as CustomEvent).detail));
    qiwiPay.mount(element);
    expect(inShadow(element).getByRole('button', { name: 'Waiting for payment…' })).toBeTruthy();
    expect(inShadow(element).getByRole('status').textContent).toBe('Waiting for payment…');
    await vi.waitFor(() => expect(inShadow(element).getByRole('button').textContent).toBe('✓Paid'), {
      timeout: 3000,
    });
    expect(inShadow(element).getByRole('button', { name: 'Paid' })).toBeTruthy();
    expect(fetch.mock.calls[0]![0]).toBe(`${BACKEND}/v1/orders/order-1001`);
    expect(onPaid).toHaveBeenCalledWith({ orderId: 'order-1001', amount: '10.00', currency: 'RUB' });
  });
});
