// Every state of the button, both locales, accessible names and the keyboard path, with the backend
// answering in the real contract shape (DESIGN.md: POST /v1/checkout, GET /v1/orders/{id}).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PayButton, orderKey } from './PayButton.js';
import { rememberOrder } from './pending-order.js';
import type { PayOptions } from './options.js';

const backend = 'https://shop.example/api';
const options: PayOptions = { backend, orderToken: 'header.payload.signature-of-order-1' };
const checkoutAnswer = {
  orderId: 'order-1',
  status: 'waiting',
  final: false,
  amount: '250.00',
  currency: 'RUB',
  redirect: {
    url: 'https://oplata.qiwi.com/form?shop=1&transaction=order-1',
    method: 'GET',
    action: 'https://oplata.qiwi.com/form',
    params: { shop: '1', transaction: 'order-1' },
  },
  statusToken: 'status-token-1',
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
let navigate: ReturnType<typeof vi.fn<(url: string) => void>>;
let emit: ReturnType<typeof vi.fn<(type: string, detail: unknown) => void>>;
beforeEach(() => {
  fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal('fetch', fetchMock);
  navigate = vi.fn<(url: string) => void>();
  emit = vi.fn<(type: string, detail: unknown) => void>();
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function show(extra: Partial<PayOptions> = {}, props: { pageLang?: string; returnedOrderId?: string } = {}) {
  return render(<PayButton options={{ ...options, ...extra }} emit={emit} navigate={navigate} {...props} />);
}

describe('idle and paying', () => {
  it('is a native button named "Pay with QIWI" that posts the order token and navigates to QIWI', async () => {
    fetchMock.mockResolvedValueOnce(json(200, checkoutAnswer));
    show({ flow: 'checkout', paySource: 'card' });
    const button = screen.getByRole('button', { name: 'Pay with QIWI' });
    fireEvent.click(button);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(checkoutAnswer.redirect.url));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${backend}/v1/checkout`);
    expect(JSON.parse(init.body as string)).toEqual({
      orderToken: options.orderToken,
      flow: 'checkout',
      paySource: 'card',
    });
    expect(init.credentials).toBe('omit');
    expect(screen.getByRole('status').textContent).toBe('Going to QIWI…');
    expect(emit).toHaveBeenCalledWith('redirect', { url: checkoutAnswer.redirect.url });
  });

  it('shows "creating" as busy and sends one request however often it is clicked', async () => {
    let answer!: (r: Response) => void;
    fetchMock.mockReturnValueOnce(new Promise<Response>((resolve) => (answer = resolve)));
    show();
    const button = screen.getByRole('button');
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Creating the bill…');
    fireEvent.click(button);
    fireEvent.click(button);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    answer(json(200, checkoutAnswer));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  });

  it('sends a catalog item and quantity', async () => {
    fetchMock.mockResolvedValueOnce(json(200, checkoutAnswer));
    render(<PayButton options={{ backend, item: 'sku-1', quantity: 2 }} emit={emit} navigate={navigate} />);
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(JSON.parse((fetchMock.mock.calls[0] as [string, RequestInit])[1].body as string)).toEqual({
      item: 'sku-1',
      quantity: 2,
    });
  });

  it('shows the server error with a retry that clears it', async () => {
    fetchMock.mockResolvedValueOnce(
      json(401, {
        error: { code: 'invalid_order_token', message: 'the order token has expired; mint a new one' },
      }),
    );
    fetchMock.mockResolvedValueOnce(json(200, checkoutAnswer));
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Pay with QIWI' }));
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByRole('status').textContent).toBe(
      'Could not start the payment: the order token has expired; mint a new one',
    );
    expect(emit).toHaveBeenCalledWith('error', {
      code: 'invalid_order_token',
      message: 'the order token has expired; mint a new one',
    });
    fireEvent.click(retry);
    await waitFor(() => expect(navigate).toHaveBeenCalled());
  });

  it('reports an unreachable server as an error, not an exception', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    show();
    fireEvent.click(screen.getByRole('button'));
    await screen.findByRole('button', { name: 'Try again' });
    expect(emit).toHaveBeenCalledWith('error', {
      code: 'network',
      message: 'the payment server could not be reached',
    });
  });

  it('takes a custom label, and its keyboard path is Tab then Enter', async () => {
    fetchMock.mockResolvedValueOnce(json(200, checkoutAnswer));
    show({ label: 'Buy now' });
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Buy now' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(navigate).toHaveBeenCalled());
  });
});

describe('return page', () => {
  beforeEach(() => {
    rememberOrder({ orderId: 'order-1', statusToken: 'status-token-1', backend, key: orderKey(options) });
  });

  it('waits for the payment, polling with the status token, then shows paid', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { orderId: 'order-1', status: 'waiting', final: false }));
    fetchMock.mockResolvedValueOnce(json(200, { orderId: 'order-1', status: 'paid', final: true }));
    show({}, { returnedOrderId: 'order-1' });
    expect(screen.getByRole('status').textContent).toBe('Waiting for payment…');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Paid'), { timeout: 3000 });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${backend}/v1/orders/order-1`);
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer status-token-1');
    expect(emit).toHaveBeenCalledWith('paid', { orderId: 'order-1', status: 'paid' });
    expect(screen.queryByRole('button')).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('shows a failed payment and lets the shopper pay again', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { orderId: 'order-1', status: 'rejected', final: true }));
    show();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Payment failed'));
    fireEvent.click(screen.getByRole('button', { name: 'Pay with QIWI' }));
    expect(screen.getByRole('button', { name: 'Pay with QIWI' })).toBeTruthy();
  });

  it('ignores a remembered order when QIWI returned another one', () => {
    show({}, { returnedOrderId: 'someone-else' });
    expect(screen.getByRole('button', { name: 'Pay with QIWI' })).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('gives up politely after a bounded number of polls and offers to check again', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(async () =>
      json(200, { orderId: 'order-1', status: 'waiting', final: false }),
    );
    show();
    for (let i = 0; i < 12; i++) await vi.advanceTimersByTimeAsync(15_000);
    expect(screen.getByRole('status').textContent).toBe('Payment not confirmed yet');
    expect(fetchMock).toHaveBeenCalledTimes(12);
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(13);
  });
});

describe('Russian', () => {
  it('follows the page language and the locale attribute', () => {
    show({}, { pageLang: 'ru-RU' });
    expect(screen.getByRole('button', { name: 'Оплатить через QIWI' })).toBeTruthy();
    cleanup();
    show({ locale: 'en' }, { pageLang: 'ru' });
    expect(screen.getByRole('button', { name: 'Pay with QIWI' })).toBeTruthy();
    cleanup();
    rememberOrder({ orderId: 'order-1', statusToken: 't', backend, key: orderKey(options) });
    fetchMock.mockReturnValue(new Promise(() => undefined));
    show({ locale: 'ru' });
    expect(screen.getByRole('status').textContent).toBe('Ждём оплату…');
  });
});
