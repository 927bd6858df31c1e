// The bounded record of an unauthenticated reject: what identifies the body (size, SHA-256, a short
// prefix to recognise it by eye) and never the body or its headers. A forged post of 64 KB then costs
// the ledger one small row, and retention (LedgerOptions.rejectedRetention) caps how many are kept.

import { createHash } from 'node:crypto';
import type { RejectedRequestInput } from '../ledger/index.js';
import type { ProtocolName } from '../qiwi/index.js';

/** Bytes of the body kept as text, enough to recognise a form body by its first parameters. */
export const REJECTED_PREFIX_BYTES = 64;
/** Longest claimed bill id / status / reason kept for an unauthenticated post. */
const CLAIM_CHARS = 64;
const REASON_CHARS = 200;

export function rejectedRequest(fields: {
  readonly rawBody: Uint8Array;
  readonly receivedAt: string;
  readonly protocol: ProtocolName;
  readonly source: string | undefined;
  readonly billId: string | undefined;
  readonly status: string | undefined;
  readonly reason: string;
  readonly resultCode: number;
}): RejectedRequestInput {
  const body = Buffer.from(fields.rawBody);
  return {
    receivedAt: fields.receivedAt,
    protocol: fields.protocol,
    source: fields.source,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    // A cut multi-byte character decodes to U+FFFD; the prefix is for eyes, the hash identifies.
    prefix: body.subarray(0, REJECTED_PREFIX_BYTES).toString('utf8'),
    billId: fields.billId?.slice(0, CLAIM_CHARS),
    status: fields.status?.slice(0, CLAIM_CHARS),
    reason: fields.reason.slice(0, REASON_CHARS),
    resultCode: fields.resultCode,
  };
}
