// The result codes our answers to QIWI carry (pull-rest-api-2.1.md §9.4, bill-payments §9.3).
//
// 5 = "request parameters have a wrong format/are wrong" is the closest row for a bill id, amount or
// currency we cannot accept. Any non-zero code makes QIWI retry for 24 h (pull §9.5, bill §9.4); for a
// forged or foreign notification that costs nothing, and a real mismatch gets a day of retries in
// which an operator can look at the record instead of it being silently acknowledged.

export const ACCEPTED_CODE = 0;
export const REJECTED_DATA_CODE = 5;
/** Row 13, "database connection error": nothing was stored, retry later. */
export const STORE_UNAVAILABLE_CODE = 13;
