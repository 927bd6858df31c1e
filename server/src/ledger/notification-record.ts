// What the ledger keeps of every notification received, genuine or not, so an operator can see what
// QIWI (or anyone else) sent and what was answered. A genuine notification is kept whole; an
// unauthenticated one only as a bounded digest (notifications/rejected-request.ts), so forged posts cannot fill the disk.

import type { ProtocolName } from '../qiwi/index.js';

/**
 * `conflict`: genuine, but it contradicts the order's final status (QIWI says rejected, the ledger
 * says paid); recorded, acknowledged and reported to the merchant as `order.conflict`.
 */
export type NotificationVerdict = 'accepted' | 'duplicate' | 'rejected' | 'conflict';
export const NOTIFICATION_VERDICTS: readonly NotificationVerdict[] = [
  'accepted',
  'duplicate',
  'rejected',
  'conflict',
];

/** A notification as received, before the ledger decides on it. */
export interface NotificationIntake {
  readonly receivedAt: string;
  readonly protocol: ProtocolName;
  /** Raw body exactly as received (no credentials live in bodies). */
  readonly rawBody: string;
  /** Request headers with Authorization and signature headers removed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly remoteAddress: string | undefined;
  /** What the body claims, read leniently (unverified for rejected ones). */
  readonly billId: string | undefined;
  readonly status: string | undefined;
}

export interface NotificationInput extends NotificationIntake {
  readonly verdict: NotificationVerdict;
  /** Why it was rejected, or what it changed. */
  readonly reason: string | undefined;
  /** The result code answered to QIWI. */
  readonly resultCode: number;
}

/** An unauthenticated reject as kept: what identifies the body, never the body itself. */
export interface RejectedRequestInput {
  readonly receivedAt: string;
  readonly protocol: ProtocolName;
  /** The client address (proxy-aware). */
  readonly source: string | undefined;
  /** Body length in bytes. */
  readonly size: number;
  /** Lowercase hex SHA-256 of the body. */
  readonly sha256: string;
  /** The first bytes of the body as text (notifications/rejected-request.ts). */
  readonly prefix: string;
  readonly billId: string | undefined;
  readonly status: string | undefined;
  readonly reason: string;
  readonly resultCode: number;
}

export type NotificationRecord =
  | (NotificationInput & { readonly id: number; readonly authenticated: true })
  | (RejectedRequestInput & {
      readonly id: number;
      readonly authenticated: false;
      readonly verdict: 'rejected';
    });

export interface NotificationQuery {
  readonly orderId?: string;
  readonly verdict?: NotificationVerdict;
  readonly limit: number;
  /** Keyset pagination: records strictly older than this id. */
  readonly before?: number;
}

/** How many unauthenticated rejects to keep: the newest `keep`, none older than `maxAgeSeconds`. */
export interface RejectedRetention {
  readonly keep: number;
  readonly maxAgeSeconds: number;
}
