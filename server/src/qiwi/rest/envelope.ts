// Reads a REST answer of either protocol, JSON or XML, on any HTTP status (pull-rest-api-2.1.md §4.4,
// §4.6: "the client MUST read and parse the body for every status and decide on result_code").

import { XMLParser } from 'fast-xml-parser';
import { resultCodeFromProfileB } from '../result-codes.js';

export interface Envelope {
  readonly resultCode: number;
  readonly description: string | undefined;
  readonly bill: Record<string, unknown> | undefined;
  readonly refund: Record<string, unknown> | undefined;
}

// Keep every value a string: amounts such as "10.50" must not become the float 10.5.
const xml = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: true,
  processEntities: true,
});

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseBody(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trimStart();
  try {
    if (trimmed.startsWith('{')) return asRecord(JSON.parse(trimmed));
    if (trimmed.startsWith('<')) return asRecord(xml.parse(trimmed, true));
  } catch {
    return undefined;
  }
  return undefined;
}

function toResultCode(raw: Record<string, unknown>): number | undefined {
  const code = raw.result_code;
  if (typeof code === 'number' && Number.isInteger(code)) return code;
  if (typeof code === 'string' && /^\d+$/.test(code.trim())) return Number(code.trim());
  // Bill Payments 1.0.0 profile B: "SUCCESS", "AUTH_FAILED", … with error_code "CORE__<n>" (§5.6).
  if (typeof code === 'string') return resultCodeFromProfileB(code, raw.error_code);
  return undefined;
}

/** The envelope, or undefined when the body is not a QIWI answer at all (treated as code 300). */
export function readEnvelope(text: string): Envelope | undefined {
  const root = parseBody(text);
  if (!root) return undefined;
  // Profile A wraps everything in `response`; profile B leaves errors unwrapped (bill-payments B19).
  const inner = asRecord(root.response) ?? root;
  const resultCode = toResultCode(inner);
  if (resultCode === undefined) return undefined;
  const description = typeof inner.description === 'string' ? inner.description : undefined;
  return { resultCode, description, bill: asRecord(inner.bill), refund: asRecord(inner.refund) };
}
