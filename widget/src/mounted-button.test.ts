import { within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, checkoutAnswer, errorAnswer, json, orderAnswer } from './contract-fixtures';
import type { QiwiPayHandle } from './mounted-button';
import type { QiwiPayOptions } from './options';
import { createQiwiPay } from './qiwi-pay';

const ORDERS = 'qiwi-pay:orders';
const REDIRECT_URL = checkoutAnswer().redirect.url;
const STATUS_TOKEN = checkoutAnswer().statusToken;

/** What the fake server does with one request: answer, fail at the network level, or answer later. */
type Answer = Response | Error | Promise<Response>;

const inShadow = (element: Element) => within(element.shadowRoot as unknown as HTMLElement);
const button = (element: Element) => inShadow(element).getByRole('button');
const press = (element: Element) => button(element).click();
/** Lets answered requests reach the button; timers stay where they are. */
const settle = () => vi.advanceTimersByTimeAsync(0);

let handles: QiwiPayHandle[] = [];

/** A page with a fake server that gives `answers` in order and never answers a request beyond them. */
function page(...answers: Answer[]) {
  const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit): Promise<Response> => {
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer ?? new Promise<Response>(() => {});
  });
  const navigate = vi.fn();
  const console = { error: vi.fn() };
  const qiwiPay = createQiwiPay({ backend: BACKEND, fetch, navigate, console });
  const onStatus = vi.fn();
  const onPaid = vi.fn();
  const onError = vi.fn();
  const events: [string, unknown][] = [];
  const mount = (element: Element, options: QiwiPayOptions = {}) => {
    for (const name of ['status', 'redirect', 'paid', 'error']) {
      element.addEventListener('qiwi-pay:' + name, (e) => events.push([name, (e as CustomEvent).detail]));
    }
    const handle = qiwiPay.mount(element, { onStatus, onPaid, onError, ...options });
    handles.push(handle);
    return handle;
  };
  /** The requests the server saw. */
  const requests = () =>
    fetch.mock.calls.map(([url, init]) => ({
      url,
      method: init?.method ?? 'GET',
      headers: init?.headers,
      body: init?.body === undefined ? undefined : JSON.parse(init.body as string),
    }));
  return { qiwiPay, mount, fetch, requests, navigate, console, events, onStatus, onPaid, onError };
}

const host = (attributes = 'data-order-token="h.p.s"') => {
  document.body.insertAdjacentHTML('beforeend', `<div data-qiwi-pay ${attributes}></div>`);
  return document.body.lastElementChild!;
};

/** What the tab stored before it went to QIWI; `ref` is the order token of the button that started it. */
const remember = (ref = 'h.p.s', more = {}) =>
  localStorage.setItem(
    ORDERS,
    JSON.stringify([
      {
        orderId: 'order-1001',
        statusToken: 'st',
        backend: BACKEND,
        ref,
        url: REDIRECT_URL,
        at: Date.now(),
        ...more,
      },
    ]),
  );

/** The newest order the browser remembers. */
const stored = () => (JSON.parse(localStorage.getItem(ORDERS) ?? '[]') as unknown[])[0];

// Nothing a button does may throw into the merchant's page: the page would see an error event.
let uncaught: unknown[] = [];
const onUncaught = (event: ErrorEvent) => uncaught.push(event.error);

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  localStorage.clear();
  history.replaceState(null, '', '/');
  uncaught = [];
  window.addEventListener('error', onUncaught);
});
afterEach(() => {
  // Emptying the body does not stop a button's timers; unmounting does.
  handles.forEach((handle) => handle.unmount());
  handles = [];
  document.body.innerHTML = '';
  localStorage.clear();
  history.replaceState(null, '', '/');
  vi.useRealTimers();
  window.removeEventListener('error', onUncaught);
  expect(uncaught).toEqual([]);
});

describe('paying', () => {
  it('goes idle → creating → redirecting, remembers the order, tells merchant code and navigates', async () => {
    const element = host();
    const { mount, requests, navigate, events, onStatus, console } = page(json(checkoutAnswer(), 201));
    const handle = mount(element, { flow: 'checkout', paySource: 'card' });
    expect(handle.state).toBe('idle');
    expect(button(element).textContent).toBe('Pay with QIWI');
    expect(button(element).getAttribute('aria-disabled')).toBeNull();

    press(element);
    expect(handle.state).toBe('creating');
    expect(inShadow(element).getByRole('button', { name: 'Opening QIWI…' })).toBe(button(element));
    expect(button(element).getAttribute('aria-busy')).toBe('true');
    expect(button(element).getAttribute('aria-disabled')).toBe('true');
    expect(requests()).toEqual([
      {
        url: `${BACKEND}/v1/checkout`,
        method: 'POST',
        // An order token is its own idempotency: no key.
        headers: { 'content-type': 'application/json' },
        body: { orderToken: 'h.p.s', flow: 'checkout', paySource: 'card' },
      },
    ]);
    expect(navigate).not.toHaveBeenCalled();

    await settle();
    expect(handle.state).toBe('redirecting');
    expect(button(element).textContent).toBe('Opening QIWI…');
    expect(inShadow(element).getByRole('status').textContent).toBe('Opening QIWI…');
    expect(navigate.mock.calls).toEqual([[REDIRECT_URL]]);
    expect(events).toEqual([
      ['status', { orderId: 'order-1001', status: 'created', final: false }],
      ['redirect', { orderId: 'order-1001', url: REDIRECT_URL }],
    ]);
    expect(onStatus.mock.calls).toEqual([[{ orderId: 'order-1001', status: 'created', final: false }]]);
    expect(stored()).toEqual({
      orderId: 'order-1001',
      statusToken: STATUS_TOKEN,
      backend: BACKEND,
      ref: 'h.p.s',
      url: REDIRECT_URL,
      at: Date.now(),
    });
    expect(console.error).not.toHaveBeenCalled();
  });

  it('ignores presses while busy: one click, one checkout', async () => {
    const element = host();
    const { mount, fetch, navigate } = page(json(checkoutAnswer(), 201));
    const handle = mount(element);
    press(element);
    press(element);
    press(element);
    expect(fetch).toHaveBeenCalledTimes(1);
    await settle();
    expect(handle.state).toBe('redirecting');
    press(element);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('sends one Idempotency-Key for a catalog purchase, the same on retry', async () => {
    const element = host('data-item="sku-1" data-quantity="2"');
    const { mount, requests, navigate } = page(new TypeError('Failed to fetch'), json(checkoutAnswer(), 201));
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment did not start. Try again');
    press(element);
    await settle();
    expect(handle.state).toBe('redirecting');
    expect(navigate).toHaveBeenCalledWith(REDIRECT_URL);
    const sent = requests();
    expect(sent.map((r) => r.body)).toEqual([
      { item: 'sku-1', quantity: 2 },
      { item: 'sku-1', quantity: 2 },
    ]);
    const keys = sent.map((r) => (r.headers as Record<string, string>)['idempotency-key']);
    expect(keys[0]).toMatch(/^[\w-]{8,128}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends a new Idempotency-Key for the next purchase once the order failed', async () => {
    const element = host('data-item="sku-1"');
    const { mount, requests } = page(
      json(checkoutAnswer(), 201),
      json(orderAnswer('rejected', true)),
      json(checkoutAnswer({ orderId: 'order-1002' }), 201),
    );
    const handle = mount(element);
    press(element);
    // Still on the page after the redirect: it polls the order, which QIWI rejected.
    await vi.advanceTimersByTimeAsync(1500);
    expect(handle.state).toBe('failed');
    press(element);
    await settle();
    const keys = requests()
      .filter((r) => r.method === 'POST')
      .map((r) => (r.headers as Record<string, string>)['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/^[\w-]{8,128}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('shows an error with retry, reports it once in the console and tells merchant code', async () => {
    const unavailable = () => json(errorAnswer('qiwi_unavailable', 'try again in a moment'), 503);
    const element = host();
    const { mount, fetch, navigate, console, events, onError } = page(unavailable(), unavailable());
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment did not start. Try again');
    // Pressable again: retrying can help.
    expect(button(element).getAttribute('aria-disabled')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
    const detail = {
      code: 'qiwi_unavailable',
      message: `${BACKEND}/v1/checkout answered 503: try again in a moment`,
    };
    expect(events).toEqual([['error', detail]]);
    expect(onError.mock.calls).toEqual([[detail]]);
    expect(console.error.mock.calls).toEqual([['[qiwi-pay] qiwi_unavailable: ' + detail.message]]);

    press(element);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(2);
    // The same message twice is one console line.
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it('does not retry what cannot succeed (a bad order token) and shows "Payment unavailable"', async () => {
    const element = host();
    const { mount, fetch, console, onError } = page(
      json(errorAnswer('invalid_order_token', 'mint a new token'), 400),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(inShadow(element).getByRole('button', { name: 'Payment unavailable' })).toBe(button(element));
    expect(button(element).getAttribute('aria-disabled')).toBe('true');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_order_token' }));
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^\[qiwi-pay\] invalid_order_token: /));
    press(element);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses a redirect that is not http(s)', async () => {
    const element = host();
    const { mount, navigate, console, onError } = page(
      json(checkoutAnswer({ redirect: { url: 'javascript:alert(1)' } }), 201),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment unavailable');
    expect(navigate).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'bad_redirect' }));
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^\[qiwi-pay\] bad_redirect: /));
    expect(stored()).toBeUndefined();
  });

  it('lets merchant code cancel the navigation', async () => {
    const element = host();
    const { mount, navigate, events } = page(json(checkoutAnswer(), 201));
    element.addEventListener('qiwi-pay:redirect', (e) => e.preventDefault());
    const handle = mount(element);
    press(element);
    await settle();
    expect(events.map(([name]) => name)).toEqual(['status', 'redirect']);
    expect(navigate).not.toHaveBeenCalled();
    expect(handle.state).toBe('redirecting');
    // The merchant navigates itself: the order is still remembered for the return page.
    expect(stored()).toMatchObject({ orderId: 'order-1001' });
  });

  it('shows paid at once when the order was already paid (a second tab)', async () => {
    const element = host();
    const { mount, fetch, navigate, events, onPaid } = page(
      json(checkoutAnswer({ status: 'paid', final: true })),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('paid');
    expect(inShadow(element).getByRole('button', { name: 'Paid' })).toBe(button(element));
    expect(button(element).getAttribute('aria-disabled')).toBe('true');
    expect(navigate).not.toHaveBeenCalled();
    expect(events).toEqual([
      ['status', { orderId: 'order-1001', status: 'paid', final: true }],
      ['paid', { orderId: 'order-1001', amount: '10.00', currency: 'RUB' }],
    ]);
    expect(onPaid).toHaveBeenCalledWith({ orderId: 'order-1001', amount: '10.00', currency: 'RUB' });
    expect(stored()).toBeUndefined();
    press(element);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('says why an order token whose order is already final cannot pay again, and what the merchant must do', async () => {
    const element = host();
    const { mount, navigate, console, onError } = page(
      json(checkoutAnswer({ status: 'rejected', final: true }), 200),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    // No new order can be made without an order endpoint: the reason, on a button that looks disabled.
    expect(handle.state).toBe('failed');
    expect(button(element).textContent).toBe('Payment declined');
    expect(button(element).getAttribute('aria-disabled')).toBe('true');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'order_final' }));
    expect(console.error.mock.calls).toEqual([
      [
        '[qiwi-pay] order_final: order order-1001 is rejected: sign a new order token, or set data-order-endpoint',
      ],
    ]);
  });

  it('does not navigate or keep a timer when merchant code unmounts from inside the redirect event', async () => {
    const element = host();
    const { mount, fetch, navigate } = page(json(checkoutAnswer(), 201));
    const handle = mount(element);
    element.addEventListener('qiwi-pay:redirect', (e) => {
      e.preventDefault();
      handle.unmount();
    });
    press(element);
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(inShadow(element).queryByRole('button')).toBeNull();
  });

  it('shows a configuration error without ever calling the server', async () => {
    const element = host('data-label="Buy"');
    const { mount, fetch, console, onError } = page();
    const handle = mount(element);
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment unavailable');
    press(element);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_options' }));
    expect(console.error.mock.calls).toEqual([
      [
        '[qiwi-pay] invalid_options: set data-order-token and/or data-order-endpoint (or createOrder), or else data-item; a return page sets data-return',
      ],
    ]);
  });
});

describe('the return page', () => {
  it('waits for the remembered order and polls with backoff until paid', async () => {
    remember();
    const element = host();
    const { mount, fetch, requests, events, onStatus, onPaid } = page(
      json(orderAnswer('waiting', false)),
      json(orderAnswer('waiting', false)),
      json(orderAnswer('waiting', false)),
      json(orderAnswer('paid', true)),
    );
    const handle = mount(element);
    expect(handle.state).toBe('waiting');
    expect(inShadow(element).getByRole('button', { name: 'Waiting for payment…' })).toBe(button(element));
    expect(button(element).getAttribute('aria-busy')).toBe('true');
    // Busy: a press starts no second payment.
    press(element);
    expect(inShadow(element).getByRole('status').textContent).toBe('Waiting for payment…');
    expect(requests()).toEqual([
      {
        url: `${BACKEND}/v1/orders/order-1001`,
        method: 'GET',
        headers: { authorization: 'Bearer st' },
        body: undefined,
      },
    ]);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(handle.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(4000);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(handle.state).toBe('paid');
    expect(button(element).textContent).toBe('✓Paid');
    // A status event only when the status changes.
    expect(events).toEqual([
      ['status', { orderId: 'order-1001', status: 'waiting', final: false }],
      ['status', { orderId: 'order-1001', status: 'paid', final: true }],
      ['paid', { orderId: 'order-1001', amount: '10.00', currency: 'RUB' }],
    ]);
    expect(onStatus).toHaveBeenCalledTimes(2);
    expect(onPaid).toHaveBeenCalledWith({ orderId: 'order-1001', amount: '10.00', currency: 'RUB' });
    // Kept for the return page (a reload, a new tab), no longer resumed by the button that started it.
    expect(stored()).toMatchObject({ orderId: 'order-1001', done: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('finds the order named by ?order= even on a button with another ref', async () => {
    remember('another-button');
    const elsewhere = host();
    const before = page();
    // Without ?order= the order is not this button's.
    expect(before.mount(elsewhere).state).toBe('idle');
    expect(before.fetch).not.toHaveBeenCalled();

    history.replaceState(null, '', '/?order=order-1001');
    const element = host();
    const { mount, fetch } = page(json(orderAnswer('rejected', true)));
    const handle = mount(element);
    expect(handle.state).toBe('waiting');
    await settle();
    expect(fetch.mock.calls[0]![0]).toBe(`${BACKEND}/v1/orders/order-1001`);
    expect(handle.state).toBe('failed');
    expect(button(element).textContent).toBe('Payment declined');
  });

  it('keeps polling through network trouble, every 30 s after the first delays, until the order is paid', async () => {
    remember();
    const element = host();
    const { mount, fetch, console } = page();
    fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    const handle = mount(element);
    // Polls at 0, 1, 3, 7, 15 and 31 s…
    await vi.advanceTimersByTimeAsync(31_000);
    expect(fetch).toHaveBeenCalledTimes(6);
    // …then every 30 s.
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fetch).toHaveBeenCalledTimes(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(7);
    await vi.advanceTimersByTimeAsync(10 * 60_000 - 61_000);
    // 0, 1, 3, 7, 15, 31, 61, …, 571 s: 24 polls in 10 minutes, and still waiting.
    expect(fetch).toHaveBeenCalledTimes(24);
    // Not paid after half a minute: the shopper may continue, and polling goes on meanwhile.
    expect(handle.state).toBe('incomplete');
    expect(button(element).textContent).toBe('Payment not finished. Continue');
    // Said once, however many polls fail: enough to find a server that is down or a CORS refusal.
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.error.mock.calls[0]![0]).toMatch(/^\[qiwi-pay\] network: no answer from .*\/v1\/orders\//);

    fetch.mockResolvedValueOnce(json(orderAnswer('paid', true)));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetch).toHaveBeenCalledTimes(25);
    expect(handle.state).toBe('paid');
  });

  it('gives the button back when the server cannot tell about the order', async () => {
    remember();
    const element = host();
    const { mount, fetch, requests, console, onError } = page(
      json(errorAnswer('invalid_status_token', 'the status token is not valid'), 401),
    );
    const handle = mount(element);
    await settle();
    expect(handle.state).toBe('idle');
    expect(button(element).textContent).toBe('Pay with QIWI');
    expect(button(element).getAttribute('aria-disabled')).toBeNull();
    expect(console.error.mock.calls).toEqual([
      [
        `[qiwi-pay] invalid_status_token: ${BACKEND}/v1/orders/order-1001 answered 401: the status token is not valid`,
      ],
    ]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(stored()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    // Paying again starts a new checkout.
    press(element);
    expect(handle.state).toBe('creating');
    expect(requests()[1]).toMatchObject({ url: `${BACKEND}/v1/checkout`, method: 'POST' });
  });

  it('shows the status when the page is still there after the redirect (cancelled, or back from the bfcache)', async () => {
    const element = host();
    const { mount, fetch, requests, navigate } = page(
      json(checkoutAnswer(), 201),
      json(orderAnswer('waiting', false)),
      json(orderAnswer('paid', true)),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(navigate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1499);
    expect(handle.state).toBe('redirecting');
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(handle.state).toBe('waiting');
    expect(button(element).textContent).toBe('Waiting for payment…');
    expect(requests()[1]).toEqual({
      url: `${BACKEND}/v1/orders/order-1001`,
      method: 'GET',
      headers: { authorization: 'Bearer ' + STATUS_TOKEN },
      body: undefined,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(handle.state).toBe('paid');
  });

  it('stops polling when unmounted, ignores a late answer, and lets another button take the order', async () => {
    remember();
    let answer!: (response: Response) => void;
    const { mount, fetch, events } = page(
      new Promise<Response>((resolve) => (answer = resolve)),
      json(orderAnswer('waiting', false)),
    );
    const element = host();
    const handle = mount(element);
    expect(fetch).toHaveBeenCalledTimes(1);
    handle.unmount();
    expect(inShadow(element).queryByRole('button')).toBeNull();
    answer(json(orderAnswer('paid', true)));
    await settle();
    expect(inShadow(element).queryByRole('button')).toBeNull();
    expect(events).toEqual([]);
    expect(stored()).toMatchObject({ orderId: 'order-1001' });

    const other = mount(host());
    expect(other.state).toBe('waiting');
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
    // Its next poll is due in 1 s.
    other.unmount();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
  it('offers to continue after half a minute unpaid, and continuing reopens QIWI for the same order', async () => {
    // Remembered by another button: the return page's element continues it too.
    remember('another-button');
    history.replaceState(null, '', '/thanks?order=order-1001');
    const element = host();
    const { mount, fetch, navigate, events } = page(
      ...Array.from({ length: 7 }, () => json(orderAnswer('waiting', false))),
    );
    const handle = mount(element);
    // Polls at 0, 1, 3, 7 and 15 s say "waiting": the button stays busy.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(handle.state).toBe('waiting');
    expect(button(element).getAttribute('aria-disabled')).toBe('true');
    press(element);
    expect(fetch).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(16_000);
    expect(fetch).toHaveBeenCalledTimes(6);
    expect(handle.state).toBe('incomplete');
    expect(button(element).getAttribute('aria-disabled')).toBeNull();
    expect(inShadow(element).getByRole('status').textContent).toBe('Payment not finished. Continue');

    press(element);
    // Straight to QIWI's page for the same order: no new checkout.
    expect(handle.state).toBe('redirecting');
    expect(navigate.mock.calls).toEqual([[REDIRECT_URL]]);
    expect(events.at(-1)).toEqual(['redirect', { orderId: 'order-1001', url: REDIRECT_URL }]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetch.mock.calls.every(([url]) => String(url).includes('/v1/orders/'))).toBe(true);
  });

  it('is paid when a late notification lands while it offers to continue', async () => {
    remember();
    const element = host();
    const { mount } = page(
      ...Array.from({ length: 6 }, () => json(orderAnswer('waiting', false))),
      json(orderAnswer('paid', true)),
    );
    const handle = mount(element);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(handle.state).toBe('incomplete');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(handle.state).toBe('paid');
  });
});

describe('reconfiguring', () => {
  it('re-renders for a new label or theme but resets for a new order', async () => {
    let answer!: (response: Response) => void;
    const element = host();
    const { mount, navigate } = page(new Promise<Response>((resolve) => (answer = resolve)));
    const handle = mount(element);
    press(element);
    expect(handle.state).toBe('creating');

    handle.update({ label: 'Buy now', theme: 'dark' });
    expect(handle.state).toBe('creating');
    expect(button(element).textContent).toBe('Opening QIWI…');
    expect(button(element).className).toBe('dark medium');

    handle.update({ orderToken: 'h.p.other' });
    expect(handle.state).toBe('idle');
    expect(button(element).textContent).toBe('Buy now');
    // The first order's answer arrives too late to matter.
    answer(json(checkoutAnswer(), 201));
    await settle();
    expect(handle.state).toBe('idle');
    expect(navigate).not.toHaveBeenCalled();
  });
  it('starts afresh when the page corrects an option after an error the server refused', async () => {
    const element = host('data-order-token="h.p.s" data-flow="web-form"');
    const { mount, requests, navigate } = page(
      json(errorAnswer('invalid_request', 'flow must be "checkout" or "webform"'), 400),
      json(checkoutAnswer(), 201),
    );
    const handle = mount(element);
    press(element);
    await settle();
    expect(button(element).textContent).toBe('Payment unavailable');
    element.setAttribute('data-flow', 'webform');
    mount(element);
    expect(handle.state).toBe('idle');
    press(element);
    await settle();
    expect(requests()[1]!.body).toMatchObject({ flow: 'webform' });
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('clears an option given as undefined, and ignores updates after unmount', () => {
    const element = host('data-order-token="h.p.s" data-label="From the page"');
    const { mount } = page();
    const handle = mount(element, { label: 'From code' });
    expect(button(element).textContent).toBe('From code');
    handle.update({ label: undefined });
    expect(button(element).textContent).toBe('From the page');
    handle.unmount();
    handle.update({ label: 'Back?' });
    expect(inShadow(element).queryByRole('button')).toBeNull();
  });
});

describe('new orders from the shop (data-order-endpoint, createOrder)', () => {
  const ENDPOINT = location.origin + '/shop/order';
  const fresh = (n: number) => json({ orderToken: `h.p.fresh-${n}` });
  const checkoutBodies = (requests: ReturnType<ReturnType<typeof page>['requests']>) =>
    requests.filter((r) => String(r.url).endsWith('/v1/checkout')).map((r) => r.body);

  it('asks the endpoint for a new order on the first press: POST {}, same-origin cookies, JSON', async () => {
    const element = host('data-order-endpoint="/shop/order"');
    const { mount, fetch, requests, navigate } = page(fresh(1), json(checkoutAnswer(), 201));
    const handle = mount(element);
    expect(handle.state).toBe('idle');
    press(element);
    expect(handle.state).toBe('creating');
    await settle();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(ENDPOINT);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{}',
    });
    // The qiwi-pay server never gets the shop's cookies.
    expect(fetch.mock.calls[1]![1]).toMatchObject({ credentials: 'omit' });
    expect(checkoutBodies(requests())).toEqual([{ orderToken: 'h.p.fresh-1' }]);
    expect(navigate).toHaveBeenCalledWith(REDIRECT_URL);
    expect(stored()).toMatchObject({ orderId: 'order-1001', ref: ENDPOINT });
  });

  it('after a decline, "Try again" pays a new order from the endpoint, without a reload', async () => {
    history.replaceState(null, '', '/cart?order=order-1001');
    remember(ENDPOINT);
    const element = host('data-order-endpoint="/shop/order"');
    const { mount, requests, navigate } = page(
      json(orderAnswer('rejected', true)),
      fresh(2),
      json(checkoutAnswer({ orderId: 'order-1002' }), 201),
    );
    const handle = mount(element);
    await settle();
    expect(handle.state).toBe('failed');
    expect(button(element).textContent).toBe('Payment declined. Try again');
    expect(button(element).getAttribute('aria-disabled')).toBeNull();
    press(element);
    await settle();
    expect(requests().map((r) => r.url)).toEqual([
      `${BACKEND}/v1/orders/order-1001`,
      ENDPOINT,
      `${BACKEND}/v1/checkout`,
    ]);
    expect(checkoutBodies(requests())).toEqual([{ orderToken: 'h.p.fresh-2' }]);
    expect(handle.state).toBe('redirecting');
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(stored()).toMatchObject({ orderId: 'order-1002' });
  });

  it.each([
    ['unpaid', 'Payment error. Try again'],
    ['expired', 'Payment expired. Try again'],
  ])('says why after %s, and offers a new order', async (status, text) => {
    remember(ENDPOINT);
    const element = host('data-order-endpoint="/shop/order"');
    const { mount } = page(json(orderAnswer(status, true)));
    mount(element);
    await settle();
    expect(button(element).textContent).toBe(text);
  });

  it('keeps using a static order token, and replaces it with a new order once it has expired', async () => {
    const element = host('data-order-token="h.p.s" data-order-endpoint="/shop/order"');
    const { mount, requests, navigate, console, onError } = page(
      json(errorAnswer('invalid_order_token', 'the order token has expired; mint a new one'), 401),
      fresh(3),
      json(checkoutAnswer(), 201),
    );
    mount(element);
    press(element);
    await settle();
    expect(checkoutBodies(requests())).toEqual([{ orderToken: 'h.p.s' }, { orderToken: 'h.p.fresh-3' }]);
    expect(navigate).toHaveBeenCalledWith(REDIRECT_URL);
    // Nothing went wrong as far as the shopper and merchant code can tell.
    expect(console.error).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });

  it('replaces a static token whose order is already final with a new order', async () => {
    const element = host('data-order-token="h.p.s" data-order-endpoint="/shop/order"');
    const { mount, requests, navigate } = page(
      json(checkoutAnswer({ status: 'rejected', final: true })),
      fresh(4),
      json(checkoutAnswer({ orderId: 'order-1004' }), 201),
    );
    mount(element);
    press(element);
    await settle();
    expect(checkoutBodies(requests())).toEqual([{ orderToken: 'h.p.s' }, { orderToken: 'h.p.fresh-4' }]);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('asks the endpoint once per press: a new order the server refuses too is "Payment unavailable"', async () => {
    const element = host('data-order-token="h.p.s" data-order-endpoint="/shop/order"');
    const refused = () =>
      json(errorAnswer('invalid_order_token', 'the order token is not valid (invalid signature)'), 401);
    const { mount, fetch, console } = page(refused(), fresh(5), refused());
    const handle = mount(element);
    press(element);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment unavailable');
    expect(console.error).toHaveBeenCalledWith(
      expect.stringMatching(/invalid_order_token: .*invalid signature/),
    );
  });

  it.each([
    [
      'not JSON',
      new Response('<html>login</html>', { status: 200 }),
      /answered 200: not the expected \{ "orderToken": "…" \}: check data-order-endpoint/,
    ],
    ['JSON without orderToken', json({ token: 'x' }), /answered 200: not the expected/],
    ['a 500', new Response('oops', { status: 500 }), /answered 500: not the expected/],
  ])('explains an endpoint answer that is %s, and lets the shopper try again', async (_, answer, message) => {
    const element = host('data-order-endpoint="/shop/order"');
    const { mount, fetch, console, onError } = page(answer, fresh(6), json(checkoutAnswer(), 201));
    const handle = mount(element);
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment did not start. Try again');
    expect(console.error.mock.calls[0]![0]).toMatch(message);
    expect(console.error.mock.calls[0]![0]).toContain(ENDPOINT);
    expect(onError).toHaveBeenCalledTimes(1);
    press(element);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(handle.state).toBe('redirecting');
  });

  it('refuses an endpoint on another origin at mount, and says what to change', () => {
    const element = host('data-order-endpoint="https://elsewhere.example/order"');
    const { mount, fetch, console } = page();
    expect(mount(element).state).toBe('error');
    expect(button(element).textContent).toBe('Payment unavailable');
    expect(fetch).not.toHaveBeenCalled();
    expect(console.error.mock.calls[0]![0]).toMatch(
      /must be on this page's origin .*serve it from your shop's own backend, or pass createOrder/,
    );
  });

  it('shows a catalog order that is already final once, without asking again', async () => {
    const element = host('data-item="mug"');
    const { mount, fetch } = page(json(checkoutAnswer({ status: 'rejected', final: true })));
    const handle = mount(element);
    press(element);
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    // A catalog item can always be bought again: a new Idempotency-Key is a new order.
    expect(handle.state).toBe('failed');
    expect(button(element).textContent).toBe('Payment declined. Try again');
  });

  it('takes new orders from createOrder', async () => {
    const element = host('');
    const createOrder = vi.fn(async () => 'h.p.from-code');
    const { mount, requests } = page(json(checkoutAnswer(), 201));
    mount(element, { createOrder });
    press(element);
    await settle();
    expect(createOrder).toHaveBeenCalledTimes(1);
    expect(checkoutBodies(requests())).toEqual([{ orderToken: 'h.p.from-code' }]);
  });

  it.each([
    [
      'rejects',
      () => Promise.reject(new Error('cart is empty')),
      /createOrder must resolve to a new order token; it Error: cart is empty/,
    ],
    ['resolves nothing', async () => undefined as unknown as string, /it resolved undefined/],
  ])('explains a createOrder that %s, and lets the shopper try again', async (_, createOrder, message) => {
    const element = host('');
    const { mount, fetch, console } = page();
    const handle = mount(element, { createOrder });
    press(element);
    await settle();
    expect(handle.state).toBe('error');
    expect(button(element).textContent).toBe('Payment did not start. Try again');
    expect(fetch).not.toHaveBeenCalled();
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(message));
  });

  it('joins a backend with a path prefix and a trailing slash', async () => {
    const element = host(`data-order-token="h.p.s" data-backend="${BACKEND}/"`);
    const { mount, requests } = page(json(checkoutAnswer(), 201), json(orderAnswer('paid', true)));
    mount(element);
    press(element);
    await settle();
    await vi.advanceTimersByTimeAsync(1500);
    expect(requests().map((r) => r.url)).toEqual([
      'https://shop.example/api/v1/checkout',
      'https://shop.example/api/v1/orders/order-1001',
    ]);
  });
});

describe('the return element (data-return)', () => {
  it('shows the status of the order ?order= names, remembered by another tab', async () => {
    // Another tab paid: its order is in localStorage, which every tab of the shop shares.
    remember(location.origin + '/shop/order');
    history.replaceState(null, '', '/thanks?order=order-1001');
    const element = host('data-return');
    const { mount, fetch } = page(json(orderAnswer('paid', true)));
    const handle = mount(element);
    expect(handle.state).toBe('waiting');
    await settle();
    expect(fetch.mock.calls[0]![0]).toBe(`${BACKEND}/v1/orders/order-1001`);
    expect(handle.state).toBe('paid');
    expect(button(element).textContent).toBe('✓Paid');
    expect(button(element).className).toBe('light medium ok');
  });

  it('shows it again after a reload, though the order is final', async () => {
    remember('h.p.s', { done: true });
    history.replaceState(null, '', '/thanks?order=order-1001');
    const element = host('data-return');
    const { mount } = page(json(orderAnswer('paid', true)));
    const handle = mount(element);
    await settle();
    expect(handle.state).toBe('paid');
  });

  it('says neutrally that it cannot find an order it does not know, and asks nothing', async () => {
    history.replaceState(null, '', '/thanks?order=order-unknown');
    const element = host('data-return');
    const { mount, fetch, console } = page();
    const handle = mount(element);
    expect(handle.state).toBe('missing');
    expect(inShadow(element).queryByRole('button')).toBeNull();
    expect(inShadow(element).getByRole('status').textContent).toBe(
      "We could not find your order here. Check your e-mail or the shop's order page.",
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(console.error).not.toHaveBeenCalled();
  });

  it('says the same when the server no longer tells about the order, never "Payment unavailable"', async () => {
    remember();
    history.replaceState(null, '', '/thanks?order=order-1001');
    const element = host('data-return data-locale="ru"');
    const { mount } = page(json(errorAnswer('invalid_status_token', 'the status token has expired'), 401));
    const handle = mount(element);
    await settle();
    expect(handle.state).toBe('missing');
    expect(inShadow(element).getByRole('status').textContent).toMatch(/^Мы не нашли здесь ваш заказ/);
    expect(localStorage.getItem(ORDERS)).toBe('[]');
  });

  it('without ?order= (a card payer who came back), shows the newest order of its backend', async () => {
    remember('h.p.s');
    const element = host('data-return');
    const { mount } = page(json(orderAnswer('waiting', false)));
    expect(mount(element).state).toBe('waiting');
  });
});
