// Rows of the SQLite ledger as better-sqlite3 returns them, and their mapping to the ledger's
// types. NULL columns become `undefined`, JSON columns are parsed: one place knows the column names.

import type {
  EventSource,
  NotificationRecord,
  NotificationVerdict,
  OrderEvent,
  OrderStatus,
  Refund,
  RefundStatus,
  StoredOrder,
  WebhookAttempt,
  WebhookEvent,
  WebhookState,
  WebhookType,
} from '../../ledger/index.js';
import { minorUnits, type Flow, type ProtocolName as Protocol } from '../../qiwi/index.js';

const opt = (value: string | null): string | undefined => value ?? undefined;

export interface OrderRow {
  id: string;
  protocol: Protocol;
  flow: Flow;
  amount: number;
  currency: string;
  comment: string;
  payer_phone: string | null;
  lifetime: string;
  success_url: string | null;
  fail_url: string | null;
  pay_source: string | null;
  origin: 'token' | 'catalog';
  redirect: string;
  status: OrderStatus;
  created_at: string;
  updated_at: string;
  last_checked_at: string | null;
  refund_totals: string;
}

/** Selects an order with the amounts of its refunds summed per status, as JSON. */
export const ORDER_SELECT = `
  SELECT o.*, (SELECT json_group_object(status, total)
               FROM (SELECT r.status, SUM(r.amount) AS total FROM refunds r
                     WHERE r.order_id = o.id GROUP BY r.status)) AS refund_totals
  FROM orders o`;

function refundTotals(json: string | null): StoredOrder['refundTotals'] {
  const totals = JSON.parse(json ?? '{}') as Record<string, number>;
  return Object.fromEntries(Object.entries(totals).map(([status, total]) => [status, minorUnits(total)]));
}

export function toOrder(row: OrderRow): StoredOrder {
  return {
    id: row.id,
    protocol: row.protocol,
    flow: row.flow,
    amount: minorUnits(row.amount),
    currency: row.currency,
    comment: row.comment,
    payerPhone: opt(row.payer_phone),
    lifetime: row.lifetime,
    successUrl: opt(row.success_url),
    failUrl: opt(row.fail_url),
    paySource: opt(row.pay_source),
    origin: row.origin,
    redirect: JSON.parse(row.redirect) as StoredOrder['redirect'],
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastCheckedAt: opt(row.last_checked_at),
    refundTotals: refundTotals(row.refund_totals),
  };
}

export interface EventRow {
  id: number;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  source: EventSource;
  at: string;
  detail: string | null;
  actor: string | null;
}

export function toEvent(row: EventRow): OrderEvent {
  return {
    id: row.id,
    orderId: row.order_id,
    from: row.from_status,
    to: row.to_status,
    source: row.source,
    at: row.at,
    detail: opt(row.detail),
    ...(row.actor !== null ? { actor: row.actor } : {}),
  };
}

export interface NotificationRow {
  id: number;
  received_at: string;
  protocol: Protocol;
  raw_body: string | null;
  headers: string | null;
  remote_address: string | null;
  bill_id: string | null;
  status: string | null;
  verdict: NotificationVerdict;
  reason: string | null;
  result_code: number;
  authenticated: 0 | 1;
  body_size: number | null;
  body_sha256: string | null;
  body_prefix: string | null;
}

export function toNotification(row: NotificationRow): NotificationRecord {
  if (row.authenticated === 0)
    return {
      id: row.id,
      authenticated: false,
      receivedAt: row.received_at,
      protocol: row.protocol,
      verdict: 'rejected',
      reason: row.reason ?? '',
      resultCode: row.result_code,
      source: opt(row.remote_address),
      size: row.body_size ?? 0,
      sha256: row.body_sha256 ?? '',
      prefix: row.body_prefix ?? '',
      billId: opt(row.bill_id),
      status: opt(row.status),
    };
  return {
    id: row.id,
    authenticated: true,
    receivedAt: row.received_at,
    protocol: row.protocol,
    rawBody: row.raw_body ?? '',
    headers: JSON.parse(row.headers ?? '{}') as Record<string, string>,
    remoteAddress: opt(row.remote_address),
    billId: opt(row.bill_id),
    status: opt(row.status),
    verdict: row.verdict,
    reason: opt(row.reason),
    resultCode: row.result_code,
  };
}

export interface RefundRow {
  order_id: string;
  refund_id: string;
  amount: number;
  status: RefundStatus;
  error: number;
  created_at: string;
  updated_at: string;
}

export function toRefund(row: RefundRow): Refund {
  return {
    orderId: row.order_id,
    refundId: row.refund_id,
    amount: minorUnits(row.amount),
    status: row.status,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WebhookRow {
  id: string;
  type: WebhookType;
  order_id: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
  state: WebhookState;
  delivered_to: string;
  last_endpoint: string | null;
}

export function toWebhook(row: WebhookRow): WebhookEvent {
  return {
    id: row.id,
    type: row.type,
    orderId: row.order_id,
    payload: row.payload,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: opt(row.delivered_at),
    lastError: opt(row.last_error),
    state: row.state,
    deliveredTo: JSON.parse(row.delivered_to) as string[],
    lastEndpoint: opt(row.last_endpoint),
  };
}

export interface AttemptRow {
  event_id: string;
  endpoint: string;
  at: string;
  status: number | null;
  duration_ms: number;
  error: string | null;
  instance: string;
}

export function toAttempt(row: AttemptRow): WebhookAttempt {
  return {
    eventId: row.event_id,
    endpoint: row.endpoint,
    at: row.at,
    status: row.status ?? undefined,
    durationMs: row.duration_ms,
    error: opt(row.error),
    instance: row.instance,
  };
}
