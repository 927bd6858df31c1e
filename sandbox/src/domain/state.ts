import type { BillStatus } from '../core/bill-state.js';
import type { FaultRule } from './fault-kinds.js';

// Everything the sandbox remembers, in one plain container per sandbox instance (no singletons).

export type Protocol = 'pull' | 'bill';
export type RefundStatus = 'processing' | 'success' | 'fail';

export interface RefundRecord {
  refundId: string;
  amountMinor: number;
  status: RefundStatus;
  error: number;
  createdAt: number;
  updatedAt: number;
}

export interface HistoryEntry {
  at: number;
  from: BillStatus | null;
  to: BillStatus;
  cause: string;
}

export interface BillRecord {
  key: string;
  protocol: Protocol;
  prvId: string;
  billId: string;
  /** Opaque id of the bill's pay_url (bill-payments-rest-api-1.0.0.md §3). */
  uid: string;
  amountMinor: number;
  ccy: string;
  /** `tel:+…` when the payer is known by phone. */
  user?: string;
  email?: string;
  userId?: string;
  comment: string;
  prvName?: string;
  paySource?: string;
  extras: Record<string, string>;
  origin: 'rest' | 'webform' | 'payform' | 'control';
  createdAt: number;
  lifetimeAt: number;
  expiresAt: number;
  status: BillStatus;
  paymentStarted: boolean;
  paidAt?: number;
  paidWith?: string;
  history: HistoryEntry[];
  refunds: RefundRecord[];
}

export interface HttpExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryAttempt {
  n: number;
  manual: boolean;
  /** Virtual time of the attempt (ISO). */
  at: string;
  durationMs: number;
  request: HttpExchange;
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  outcome: 'success' | 'failure';
  reason: string;
}

export interface Delivery {
  id: string;
  protocol: Protocol;
  billKey: string;
  billId: string;
  prvId: string;
  status: string;
  url?: string;
  state: 'pending' | 'delivered' | 'gave-up' | 'skipped' | 'held';
  createdAt: string;
  nextAttemptAt?: string;
  faults: string[];
  request: HttpExchange;
  attempts: DeliveryAttempt[];
}

export interface EmailEntry {
  id: string;
  at: string;
  to: string;
  deliveryId: string;
  subject: string;
  text: string;
}

export type { FaultRule } from './fault-kinds.js';

export interface SandboxState {
  bills: Map<string, BillRecord>;
  deliveries: Delivery[];
  emails: EmailEntry[];
  faults: FaultRule[];
  sequence: { delivery: number; email: number; fault: number };
}

export function createState(): SandboxState {
  return {
    bills: new Map(),
    deliveries: [],
    emails: [],
    faults: [],
    sequence: { delivery: 0, email: 0, fault: 0 },
  };
}

export function clearState(state: SandboxState): void {
  state.bills.clear();
  state.deliveries.length = 0;
  state.emails.length = 0;
  state.faults.length = 0;
  state.sequence = { delivery: 0, email: 0, fault: 0 };
}

export function billKey(protocol: Protocol, prvId: string, billId: string): string {
  return `${protocol}:${prvId}:${billId}`;
}
