import { XMLParser, XMLValidator } from 'fast-xml-parser';

// Whether the merchant's answer counts as delivered. Anything but the exact success answer is a failure
// that the retry schedule repeats.

export interface MerchantAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Verdict {
  success: boolean;
  reason: string;
}

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true });

/**
 * pull-rest-api-2.1.md §9.4: HTTP 200, `Content-Type: text/xml` (a wrong type fails by default [J]) and a
 * well-formed `<result><result_code>0</result_code></result>`; a non-zero code is a temporary failure.
 */
export function judgePullAnswer(answer: MerchantAnswer, requireXmlContentType: boolean): Verdict {
  if (answer.status !== 200) return { success: false, reason: `HTTP ${answer.status}, expected 200` };
  const type = (answer.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (requireXmlContentType && type !== 'text/xml') {
    return { success: false, reason: `Content-Type "${type ?? ''}", expected text/xml` };
  }
  if (XMLValidator.validate(answer.body) !== true)
    return { success: false, reason: 'answer is not well-formed XML' };
  const doc = parser.parse(answer.body) as Record<string, unknown>;
  const result = doc.result as Record<string, unknown> | undefined;
  const code = typeof result === 'object' && result !== null ? result.result_code : undefined;
  if (typeof code !== 'string' || !/^\d+$/.test(code)) {
    return { success: false, reason: 'answer has no <result><result_code> integer' };
  }
  return Number(code) === 0
    ? { success: true, reason: 'result_code 0' }
    : { success: false, reason: `result_code ${code}` };
}

/** bill-payments-rest-api-1.0.0.md §9.3: HTTP 200 and JSON whose `error` is 0 or "0". */
export function judgeBillAnswer(answer: MerchantAnswer): Verdict {
  if (answer.status !== 200) return { success: false, reason: `HTTP ${answer.status}, expected 200` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return { success: false, reason: 'answer is not JSON' };
  }
  const error =
    typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  if (error === 0 || error === '0') return { success: true, reason: 'error 0' };
  return { success: false, reason: `error ${JSON.stringify(error ?? null)}, expected 0` };
}
