// Values validated once and typed so: a function that takes a BillId, Currency, Phone or ReturnUrl
// need not (and does not) check it again. Only the validators in params.ts make them; MinorUnits
// (money.ts) is the same idea for amounts.

/** A bill id in the alphabet every protocol accepts (params.ts validateBillId). */
export type BillId = string & { readonly __brand: 'BillId' };
/** ISO 4217 alpha-3 in capitals (§4.5). */
export type Currency = string & { readonly __brand: 'Currency' };
/** The payer's phone, normalised to "+" and digits (§4.5). */
export type Phone = string & { readonly __brand: 'Phone' };
/** An absolute http(s) URL for the payer's way back. */
export type ReturnUrl = string & { readonly __brand: 'ReturnUrl' };
