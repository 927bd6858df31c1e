// Parse once: what a checkout request becomes before anything is stored or sent to QIWI.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { protocolFor } from '../runtime.js';
import { parseCheckoutOrder } from './checkout-order.js';
import type { OrderRequest } from './order-request.js';

const config = loadConfig({
  QIWI_PROTOCOL: 'pull',
  QIWI_PRV_ID: '2042',
  QIWI_API_ID: '62573819',
  QIWI_API_PASSWORD: 'api-password-for-tests',
  QIWI_NOTIFICATION_PASSWORD: 'notification-password-for-tests',
  ORDER_TOKEN_SECRET: 'an-order-token-secret-of-32-chars-at-least',
  STATUS_TOKEN_SECRET: 'a-status-token-secret-of-32-chars-at-least',
  ADMIN_TOKEN: 'an-admin-token-of-at-least-32-characters-000',
  ALLOWED_ORIGINS: 'https://shop.example',
});
const context = { config, protocol: protocolFor(config), now: new Date('2025-01-01T10:00:00Z') };

const request: OrderRequest = {
  id: 'order-1',
  amount: '10.5',
  currency: 'RUB',
  comment: 'Order 1',
  phone: 'tel:+7 (916) 123-45-67',
  lifetimeSeconds: 3600,
  successUrl: 'https://shop.example/ok?order=1',
  failUrl: undefined,
  paySource: undefined,
  origin: 'token',
};

describe('parseCheckoutOrder', () => {
  it('turns a request into one validated order: minor units, normalised phone, deadline, allowlisted URL', () => {
    expect(parseCheckoutOrder(context, request, { paySource: 'card' })).toEqual({
      id: 'order-1',
      amount: 1050,
      currency: 'RUB',
      comment: 'Order 1',
      phone: '+79161234567',
      lifetime: new Date('2025-01-01T11:00:00Z'),
      successUrl: 'https://shop.example/ok?order=1',
      failUrl: undefined,
      paySource: 'card',
      flow: 'checkout',
    });
  });

  it('applies the bill-id rule of the flow: the Pull web form carries 30 characters at most', () => {
    const long = { ...request, id: 'x'.repeat(31) };
    expect(parseCheckoutOrder(context, long, { flow: 'checkout' }).id).toBe(long.id);
    expect(() => parseCheckoutOrder(context, long, { flow: 'webform' })).toThrow(/30/);
  });

  it('sends an order without a phone to the web form, and refuses the REST checkout for it', () => {
    const noPhone = { ...request, phone: undefined };
    expect(parseCheckoutOrder(context, noPhone, {}).flow).toBe('webform');
    expect(() => parseCheckoutOrder(context, noPhone, { flow: 'checkout' })).toThrow(
      expect.objectContaining({ code: 'phone_required' }),
    );
  });

  it('refuses a return URL outside RETURN_URL_ORIGINS and a lifetime beyond the protocol cap', () => {
    expect(() =>
      parseCheckoutOrder(context, { ...request, successUrl: 'https://evil.example/' }, {}),
    ).toThrow(expect.objectContaining({ code: 'return_url_not_allowed' }));
    expect(() => parseCheckoutOrder(context, { ...request, lifetimeSeconds: 46 * 24 * 3600 }, {})).toThrow(
      /45 days/,
    );
  });
});
