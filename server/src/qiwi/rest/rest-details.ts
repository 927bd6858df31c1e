// What the REST client needs to know about a protocol: where a bill lives, how to authenticate, which
// extra parameters creation takes. Built by the protocol objects (protocols/*.ts).

import type { BillId } from '../brands.js';
import type { ProtocolName } from '../protocols/protocol.js';

export interface RestDetails {
  readonly protocol: ProtocolName;
  /** The `Authorization` header of every call (pull §4.1 Basic, bill §4.1 Bearer). */
  readonly authorization: string;
  /** This protocol's bill-id rule (pull §5: 200 characters, bill §4.2: 30). */
  billId(value: unknown): BillId;
  /** Path of a bill (pull §5, bill §5). */
  billPath(billId: BillId): string;
  /** Creation parameters only this protocol has (Pull's prv_name, §5.1). */
  extraCreateParams(input: { readonly prvName?: string | undefined }): [string, string | undefined][];
  readonly maxLifetimeDays: number;
}
