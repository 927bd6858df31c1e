// What the ledger keeps of every notification received, genuine or not, so an operator can see what
// QIWI (or anyone else) sent and what was answered.

import type { ProtocolName } from '../qiwi/index.js';

export type NotificationVerdict = 'accepted' | 'duplicate' | 'rejected';

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

export interface NotificationRecord extends NotificationInput {
  readonly id: number;
}

export interface NotificationQuery {
  readonly orderId?: string;
  readonly verdict?: NotificationVerdict;
  readonly limit: number;
}
