// The fields of an order as a merchant states them (in an order token, or to mintOrderToken), with the
// checks that do not depend on the protocol or the flow. The checkout and minting both run exactly
// these, so a token minted here is never refused at checkout for its amount, currency or id, and both
// refuse with the same message.
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import {
  PAGE_PAY_SOURCES,
  BILL_ID_MAX_LENGTH,
  normalisePhone,
  parseAmount,
  validateBillId,
  validateComment,
  validateCurrency,
  validatePaySource,
} from '../qiwi/index.js';

export const orderFieldsShape = {
  orderId: z.string().min(1).max(BILL_ID_MAX_LENGTH.pull),
  amount: z.string({ error: 'amount must be a decimal string such as "10.50"' }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as RUB'),
  comment: z.string().max(255).default(''),
  phone: z.string().optional(),
  /** Seconds the bill stays payable from checkout. */
  lifetime: z.number().int().positive().optional(),
  successUrl: z.string().optional(),
  failUrl: z.string().optional(),
  paySource: z.string().optional(),
};

const orderFieldsSchema = z.object(orderFieldsShape).loose();
export type OrderFields = z.infer<typeof orderFieldsSchema>;

/** Thrown for a field the schema refuses; the message is the one the checkout answers with. */
export class OrderFieldsError extends AppError {
  constructor(message: string) {
    super('invalid_order', message);
  }
}

export function issuesMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
}

/**
 * The order's own fields, checked as the checkout checks them: the schema, then QIWI's rules for the
 * amount, currency, id (the Pull REST limit; the 30-character limit of Bill 1.0.0 and web forms is
 * the checkout's, which knows the protocol), comment, phone and pay source. Throws OrderFieldsError or
 * QiwiInputError.
 */
export function checkOrderFields(input: unknown): OrderFields {
  const parsed = orderFieldsSchema.safeParse(input);
  if (!parsed.success) throw new OrderFieldsError(issuesMessage(parsed.error.issues));
  const fields = parsed.data;
  validateBillId(fields.orderId, 'pull');
  parseAmount(fields.amount);
  validateCurrency(fields.currency);
  validateComment(fields.comment, false);
  if (fields.phone !== undefined) normalisePhone(fields.phone);
  validatePaySource(fields.paySource, PAGE_PAY_SOURCES);
  return fields;
}
