import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, OrderAnswer } from './api-client';
import { checkoutAnswer, orderAnswer } from './contract-fixtures';
import { resolveOptions, type Config } from './options';
import { createPaymentController, type ControllerDeps, type EventName } from './payment-controller';
import { createPendingOrders } from './pending-order';
import { widgetError } from './widget-error';

const token = 'h.p.' + 'sig'.repeat(12);
const config = (over = {}) =>
  resolveOptions({ backend: 'https://shop.example/api', orderToken: token, ...over }) as Config;

/** Promises settle between steps; timers are fake. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function setup(api: Partial<ApiClient>, returned: string | null = null) {
  const events: [EventName, object][] = [];
  const deps: ControllerDeps = {
    api: { checkout: vi.fn(), order: vi.fn(), ...api } as ApiClient,
    pending: createPendingOrders(() => sessionStorage),
    navigate: vi.fn(),
    emit: vi.fn((name: EventName, detail: object) => {
      events.push([name, detail]);
      return true;
    }),
    report: vi.fn(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (timer) => clearTimeout(timer as number),
    newKey: vi.fn(() => 'key_0001'),
    returnedOrderId: () => returned,
  };
  const changes = vi.fn();
  const controller = createPaymentController(deps, changes);
  return { controller, deps, events, changes };
}

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
  return () => vi.useRealTimers();
});

describe('paying', () => {
  it('goes idle → creating → redirecting, remembers the order, and navigates the top window', async () => {
    const checkout = vi.fn(async () => checkoutAnswer() as OrderAnswer);
    const { controller, deps, events } = setup({ checkout });
    controller.configure(config({ flow: 'checkout', paySource: 'card' }));
    expect(controller.state.kind).toBe('idle');
    controller.press();
    expect(controller.state.kind).toBe('creating');
    await settle();
    expect(controller.state.kind).toBe('redirecting');
    expect(checkout).toHaveBeenCalledWith('https://shop.example/api', {
      target: { orderToken: token },
      flow: 'checkout',
      paySource: 'card',
      idempotencyKey: undefined,
    });
    expect(deps.navigate).toHaveBeenCalledWith(checkoutAnswer().redirect.url);
    expect(events).toEqual([
      ['status', { orderId: 'order-1001', status: 'created', final: false }],
      ['redirect', { orderId: 'order-1001', url: checkoutAnswer().redirect.url }],
    ]);
    expect(JSON.parse(sessionStorage.getItem('qiwi-pay:pending')!)).toMatchObject({
      orderId: 'order-1001',
      statusToken: checkoutAnswer().statusToken,
    });
  });

  it('ignores presses while busy: one click, one checkout', async () => {
    const checkout = vi.fn(() => new Promise<OrderAnswer>(() => {}));
    const { controller } = setup({ checkout });
    controller.configure(config());
    controller.press();
    controller.press();
    controller.press();
    expect(checkout).toHaveBeenCalledTimes(1);
  });

  it('sends one Idempotency-Key for a catalog purchase, the same on retry', async () => {
    const checkout = vi
      .fn<ApiClient['checkout']>()
      .mockRejectedValueOnce(widgetError('timeout', 'no answer'))
      .mockResolvedValueOnce(checkoutAnswer() as OrderAnswer);
    const { controller, deps } = setup({ checkout });
    controller.configure(config({ orderToken: undefined, item: 'sku-1', quantity: 2 }));
    controller.press();
    await settle();
    expect(controller.state).toEqual({ kind: 'error', retryable: true });
    controller.press();
    await settle();
    expect(checkout.mock.calls.map((c) => c[1].idempotencyKey)).toEqual(['key_0001', 'key_0001']);
    expect(deps.newKey).toHaveBeenCalledTimes(1);
    expect(controller.state.kind).toBe('redirecting');
  });

  it('shows an error with retry, reports it once and tells merchant code', async () => {
    const checkout = vi.fn(async () => {
      throw widgetError('qiwi_unavailable', 'try again in a moment');
    });
    const { controller, deps, events } = setup({ checkout });
    controller.configure(config());
    controller.press();
    await settle();
    expect(controller.state).toEqual({ kind: 'error', retryable: true });
    expect(deps.report).toHaveBeenCalledTimes(1);
    expect(events).toEqual([['error', { code: 'qiwi_unavailable', message: 'try again in a moment' }]]);
    expect(deps.navigate).not.toHaveBeenCalled();
  });

  it('does not retry what cannot succeed (a bad token)', async () => {
    const checkout = vi.fn(async () => {
      throw widgetError('invalid_order_token', 'mint a new token', false);
    });
    const { controller } = setup({ checkout });
    controller.configure(config());
    controller.press();
    await settle();
    expect(controller.state).toEqual({ kind: 'error', retryable: false });
    controller.press();
    expect(checkout).toHaveBeenCalledTimes(1);
  });

  it('refuses a redirect that is not http(s)', async () => {
    const checkout = vi.fn(
      async () => checkoutAnswer({ redirect: { url: 'javascript:alert(1)' } }) as OrderAnswer,
    );
    const { controller, deps } = setup({ checkout });
    controller.configure(config());
    controller.press();
    await settle();
    expect(controller.state.kind).toBe('error');
    expect(deps.navigate).not.toHaveBeenCalled();
  });

  it('lets merchant code cancel the navigation', async () => {
    const { controller, deps } = setup({ checkout: async () => checkoutAnswer() as OrderAnswer });
    (deps.emit as ReturnType<typeof vi.fn>).mockImplementation((name: EventName) => name !== 'redirect');
    controller.configure(config());
    controller.press();
    await settle();
    expect(deps.navigate).not.toHaveBeenCalled();
  });

  it('shows paid at once when the order was already paid (a second tab)', async () => {
    const { controller, deps, events } = setup({
      checkout: async () => checkoutAnswer({ status: 'paid', final: true }) as OrderAnswer,
    });
    controller.configure(config());
    controller.press();
    await settle();
    expect(controller.state.kind).toBe('paid');
    expect(deps.navigate).not.toHaveBeenCalled();
    expect(events.map((e) => e[0])).toEqual(['status', 'paid']);
  });

  it('shows a configuration error without ever calling the server', () => {
    const { controller, deps } = setup({});
    controller.configure(resolveOptions({ item: 'a' }) as never);
    expect(controller.state).toEqual({ kind: 'error', retryable: false });
    controller.press();
    expect(deps.api.checkout).not.toHaveBeenCalled();
    expect(deps.report).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_options' }));
  });
});

describe('the return page', () => {
  const remember = (ref = token.slice(-32)) =>
    createPendingOrders(() => sessionStorage).save({
      orderId: 'order-1001',
      statusToken: 'st',
      backend: 'https://shop.example/api',
      ref,
    });

  it('waits for the remembered order and polls with backoff until paid', async () => {
    remember();
    const statuses = ['waiting', 'waiting', 'waiting', 'paid'];
    const order = vi.fn(async () => {
      const status = statuses.shift()!;
      return orderAnswer(status, status === 'paid') as OrderAnswer;
    });
    const { controller, events } = setup({ order });
    controller.configure(config());
    expect(controller.state.kind).toBe('waiting');
    await settle();
    expect(order).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(order).toHaveBeenCalledTimes(4);
    expect(controller.state.kind).toBe('paid');
    expect(events).toEqual([
      ['status', { orderId: 'order-1001', status: 'waiting', final: false }],
      ['status', { orderId: 'order-1001', status: 'paid', final: true }],
      ['paid', { orderId: 'order-1001', amount: '10.00', currency: 'RUB' }],
    ]);
    expect(sessionStorage.getItem('qiwi-pay:pending')).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(order).toHaveBeenCalledTimes(4);
  });

  it('finds the order named by ?order= even on another button', async () => {
    remember('another-button');
    const order = vi.fn(async () => orderAnswer('rejected', true) as OrderAnswer);
    const { controller } = setup({ order }, 'order-1001');
    controller.configure(config());
    await settle();
    expect(controller.state.kind).toBe('failed');
  });

  it('keeps polling through network trouble, stalls politely, and checks again on request', async () => {
    remember();
    const order = vi.fn(async (): Promise<OrderAnswer> => {
      throw widgetError('network', 'no answer');
    });
    const { controller } = setup({ order });
    controller.configure(config());
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(controller.state.kind).toBe('stalled');
    expect(order).toHaveBeenCalledTimes(17);
    order.mockResolvedValueOnce(orderAnswer('paid', true) as OrderAnswer);
    controller.press();
    expect(controller.state.kind).toBe('waiting');
    await settle();
    expect(controller.state.kind).toBe('paid');
  });

  it('gives the button back when the server cannot tell about the order', async () => {
    remember();
    const order = vi.fn(async (): Promise<OrderAnswer> => {
      throw widgetError('invalid_status_token', 'not valid', false);
    });
    const { controller, deps } = setup({ order });
    controller.configure(config());
    await settle();
    expect(controller.state.kind).toBe('idle');
    expect(deps.report).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem('qiwi-pay:pending')).toBeNull();
  });

  it('resumes waiting when the page comes back from the back/forward cache', async () => {
    const order = vi.fn(async () => orderAnswer('waiting', false) as OrderAnswer);
    const { controller } = setup({ checkout: async () => checkoutAnswer() as OrderAnswer, order });
    controller.configure(config());
    controller.press();
    await settle();
    expect(controller.state.kind).toBe('redirecting');
    controller.pageShown();
    expect(controller.state.kind).toBe('waiting');
    await settle();
    expect(order).toHaveBeenCalledTimes(1);
  });

  it('stops polling when destroyed, and lets another button take the order', async () => {
    remember();
    const order = vi.fn(async () => orderAnswer('waiting', false) as OrderAnswer);
    const { controller } = setup({ order });
    controller.configure(config());
    await settle();
    controller.destroy();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(order).toHaveBeenCalledTimes(1);
  });
});

describe('reconfiguring', () => {
  it('re-renders for a new label but resets for a new order', async () => {
    const { controller, changes } = setup({ checkout: () => new Promise<OrderAnswer>(() => {}) });
    controller.configure(config());
    controller.press();
    changes.mockClear();
    controller.configure(config({ label: 'Buy now' }));
    expect(controller.state.kind).toBe('creating');
    expect(changes).toHaveBeenCalledTimes(1);
    controller.configure(config({ orderToken: 'h.p.' + 'new'.repeat(12) }));
    expect(controller.state.kind).toBe('idle');
  });
});
