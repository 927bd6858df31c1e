import { describe, expect, it } from 'vitest';
import { translator } from './i18n.js';
import { buildTimeline } from './timeline.js';
import type { OrderDetail } from './types.js';

const at = (minute: number) => `2026-12-01T06:${String(minute).padStart(2, '0')}:00.000Z`;

const detail: OrderDetail = {
  order: {
    id: 'demo-1',
    protocol: 'pull',
    flow: 'checkout',
    amount: '450.00',
    refundedAmount: '10.00',
    currency: 'RUB',
    comment: '',
    status: 'paid',
    lifetime: at(59),
    createdAt: at(0),
    updatedAt: at(5),
    lastCheckedAt: at(9),
  },
  events: [
    { id: 1, from: null, to: 'created', source: 'checkout', at: at(0) },
    { id: 2, from: 'created', to: 'waiting', source: 'checkout', at: at(0) },
    { id: 3, from: 'waiting', to: 'paid', source: 'notification', at: at(2) },
    {
      id: 4,
      from: 'paid',
      to: 'paid',
      source: 'admin',
      at: at(6),
      actor: 'dashboard:Anna',
      detail: 'refund R1 requested',
    },
  ],
  notifications: [
    { id: 7, receivedAt: at(2), verdict: 'accepted', status: 'paid' },
    { id: 8, receivedAt: at(3), verdict: 'rejected', reason: 'wrong Basic auth password' },
  ],
  refunds: [
    { refundId: 'R1', amount: '10.00', status: 'success', error: 0, createdAt: at(6), updatedAt: at(7) },
  ],
  webhooks: [
    { id: 'evt_1', type: 'order.paid', orderId: 'demo-1', attempts: 1, createdAt: at(2), deliveredAt: at(2) },
    {
      id: 'evt_2',
      type: 'refund.updated',
      orderId: 'demo-1',
      state: 'dead',
      attempts: 8,
      lastError: 'HTTP 500',
      createdAt: at(7),
    },
  ],
};

describe('the order timeline', () => {
  const t = translator('en');
  const entries = buildTimeline(
    detail,
    t,
    (iso) => iso ?? '',
    (amount) => `RUB ${amount}`,
  );

  it('puts everything in one list, oldest first', () => {
    expect(entries.map((e) => e.title)).toEqual([
      'Order created',
      'Bill created at QIWI',
      'Status Waiting for payment → Paid',
      'Notification from QIWI: accepted',
      'Webhook order.paid',
      'Notification from QIWI: rejected',
      'Action: refund R1 requested',
      'Refund R1: RUB 10.00, success',
      'Refund R1 settled: success',
      'Webhook refund.updated',
      'Checked with QIWI',
    ]);
  });

  it('says who acted, why a notification was refused, and how a webhook fared', () => {
    const byTitle = (title: string) => entries.find((e) => e.title === title)!;
    expect(byTitle('Action: refund R1 requested').details).toEqual(['via admin', 'by dashboard:Anna']);
    expect(byTitle('Notification from QIWI: rejected')).toMatchObject({
      warning: true,
      details: ['Reason: wrong Basic auth password'],
    });
    expect(byTitle('Webhook order.paid').details).toEqual([`Delivered at ${at(2)}`, 'Attempts: 1']);
    expect(byTitle('Webhook refund.updated')).toMatchObject({
      warning: true,
      webhookId: 'evt_2',
      details: ['Dead: retries exhausted', 'Attempts: 8', 'Last error: HTTP 500'],
    });
  });

  it('speaks Russian too, with every key translated', () => {
    const ru = buildTimeline(
      detail,
      translator('ru'),
      (iso) => iso ?? '',
      (a) => a,
    );
    expect(ru[0]?.title).toBe('Заказ создан');
    expect(ru.find((e) => e.kind === 'notification')?.title).toBe('Уведомление от QIWI: принято');
  });
});
