// Walks every vector of fixtures/qiwi-test-vectors.json through the server's own implementation, and
// checks that each plausible wrong reading the vectors carry (alt_*) does NOT verify.
import { afterAll, describe, expect, it } from 'vitest';
import { section, vectorName, vectors, type Vector } from '../../test/vectors.js';
import {
  NotificationRejected,
  billApiAuthorization,
  billFormSign,
  billNotificationSignature,
  billPayFormRedirect,
  billSecretKey,
  canonicalString,
  derivePublicKey,
  formatFormLifetime,
  formatRestLifetime,
  normaliseAmount,
  parseAmount,
  parseBasicAuthorization,
  parseFormBody,
  parseFormLifetime,
  parseRestLifetime,
  partnerV1NotificationSignature,
  pullApiAuthorization,
  pullNotificationAuthorization,
  pullNotificationSignature,
  pullWebformRedirect,
  pullWebformSign,
  readBillNotification,
  readPullNotification,
  normalisePhone,
  validateBillId,
  validateCurrency,
  validateReturnUrl,
  type NamedValue,
} from './index.js';

const checked = new Set<string>();
function each(name: string, test: (v: Vector) => void) {
  describe(name, () => {
    section(name).forEach((v, i) => {
      it(vectorName(v, i), () => {
        test(v);
        checked.add(`${name}/${vectorName(v, i)}`);
      });
    });
  });
}

const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const body = (s: string) => Buffer.from(s, 'utf8');

function rejectedWith(code: number, run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NotificationRejected);
    expect((error as NotificationRejected).resultCode).toBe(code);
    return;
  }
  expect.fail(`expected a rejection with result code ${code}`);
}

each('pull_api_basic_auth_header', (v) => {
  expect(pullApiAuthorization(v.api_id, v.api_password)).toBe(v.expected_header_value);
  // Only the first colon separates user and password (vector pull-basic-3).
  expect(parseBasicAuthorization(v.expected_header_value)).toEqual({
    user: v.api_id,
    password: v.api_password,
  });
});

each('pull_notification_basic_auth_header', (v) => {
  expect(pullNotificationAuthorization(v.prv_id, v.notification_password)).toBe(v.expected_header_value);
  const raw = body(
    'command=bill&bill_id=B-1&status=paid&error=0&amount=1.00&user=tel%3A%2B79031234567&prv_name=Shop&ccy=RUB&comment=x',
  );
  const credentials = {
    prvId: v.prv_id,
    notificationPassword: v.notification_password,
    auth: 'basic' as const,
  };
  expect(readPullNotification(raw, { authorization: v.expected_header_value }, credentials).status).toBe(
    'paid',
  );
  if (v.alt_documentation_value_with_trailing_lf) {
    rejectedWith(150, () =>
      readPullNotification(raw, { authorization: v.alt_documentation_value_with_trailing_lf }, credentials),
    );
  }
});

each('pull_webform_sign', (v) => {
  const p = v.params;
  const signed: NamedValue[] = v.signed_params_in_order.map((name: string) => ({ name, value: p[name] }));
  expect(canonicalString(signed)).toBe(v.canonical_string);
  expect(utf8Hex(v.canonical_string)).toBe(v.canonical_string_utf8_hex);
  const sign = pullWebformSign(p, v.api_password);
  expect(sign).toBe(v.expected_sign_hex);
  expect(sign).not.toBe(v.alt_sign_base64);
  expect(sign).not.toBe(v.alt_sign_hex_uppercase);
  // The redirect builder reproduces the example URL wherever the amount is written with two decimals
  // (the builder always sends two) and the currency is alphabetic.
  if (/^\d+\.\d\d$/.test(p.summ) && /^[A-Z]{3}$/.test(p.currency)) {
    const redirect = pullWebformRedirect({
      baseUrl: 'https://bill.qiwi.com',
      prvId: p.from,
      billId: validateBillId(p.txn_id, 'pullWebform'),
      amount: parseAmount(p.summ),
      currency: validateCurrency(p.currency),
      ...(p.to ? { phone: normalisePhone(p.to) } : {}),
      ...(p.comm ? { comment: p.comm } : {}),
      ...(p.successUrl ? { successUrl: validateReturnUrl('successUrl', p.successUrl) } : {}),
      ...(p.lifetime ? { lifetime: parseFormLifetime(p.lifetime) } : {}),
      signing: { apiId: p.api_id, apiPassword: v.api_password },
    });
    expect(redirect.url).toBe(v.example_url);
    expect(redirect.params.sign).toBe(v.expected_sign_hex);
  }
});

each('pull_notification_signature', (v) => {
  const params = parseFormBody(body(v.raw_body));
  const sorted = [...params].sort((a, b) => (a.name < b.name ? -1 : 1));
  expect(sorted).toEqual(v.decoded_params_sorted);
  expect(canonicalString(params)).toBe(v.canonical_string);
  expect(utf8Hex(canonicalString(params))).toBe(v.canonical_string_utf8_hex);
  expect(pullNotificationSignature(params, v.notification_password)).toBe(v.expected_x_api_signature);
  const credentials = {
    prvId: '1',
    notificationPassword: v.notification_password,
    auth: 'signature' as const,
  };
  const read = readPullNotification(
    body(v.raw_body),
    { 'x-api-signature': v.expected_x_api_signature },
    credentials,
  );
  expect(read.billId).toBe(params.find((x) => x.name === 'bill_id')?.value);
  rejectedWith(151, () =>
    readPullNotification(
      body(v.raw_body),
      { 'x-api-signature': v.alt_literal_reading_base64_of_hex_text },
      credentials,
    ),
  );
  rejectedWith(151, () =>
    readPullNotification(
      body(v.raw_body),
      { 'x-api-signature': v.expected_x_api_signature },
      { ...credentials, notificationPassword: 'wrong' },
    ),
  );
});

each('bill_1_0_0_secret_key', (v) => {
  const key = billSecretKey(v.prv_id, v.api_id, v.api_secret);
  expect(key).toBe(v.expected_secret_key);
  expect(Buffer.from(key, 'base64').toString('utf8')).toBe(v.plain_string);
  expect(v.plain_string.endsWith(v.md5_api_secret_hex)).toBe(true);
  expect(billApiAuthorization(key)).toBe(v.expected_bearer_header_value);
  for (const alt of [v.alt_uppercase_md5_secret_key, v.alt_raw_md5_bytes_secret_key])
    expect(key).not.toBe(alt);
  expect(billApiAuthorization(key)).not.toBe(v.alt_basic_header_value_seen_in_one_doc_section);
});

each('bill_1_0_0_bearer_header', (v) => {
  expect(billApiAuthorization(v.secret_key)).toBe(v.expected_header_value);
  expect(Buffer.from(v.secret_key, 'base64').toString('utf8')).toBe(v.decoded_token);
  const { prv_id, api_id, api_secret } = v.verifies_against;
  // A token is valid exactly when it equals the one derived from the real credentials.
  expect(billSecretKey(prv_id, api_id, api_secret) === v.secret_key).toBe(v.expected_valid !== false);
});

each('bill_1_0_0_public_key', (v) => {
  expect(derivePublicKey(v.prv_id, v.api_id, v.currency)).toBe(v.expected_public_key);
});

each('bill_1_0_0_form_sign', (v) => {
  const p = v.params;
  const signed: NamedValue[] = v.signed_params_in_order.map((name: string) => ({ name, value: p[name] }));
  expect(canonicalString(signed)).toBe(v.canonical_string);
  expect(utf8Hex(v.canonical_string)).toBe(v.canonical_string_utf8_hex);
  const sign = billFormSign(p, v.signing_key);
  expect(sign).toBe(v.expected_sign_hex);
  for (const alt of [v.alt_sign_base64, v.alt_template_order_sign_hex, v.alt_key_api_secret_sign_hex].filter(
    Boolean,
  ))
    expect(sign).not.toBe(alt);
  if (/^\d+\.\d\d$/.test(p.amount)) {
    const redirect = billPayFormRedirect({
      baseUrl: 'https://oplata.qiwi.com',
      publicKey: p.public_key,
      billId: validateBillId(p.bill_id, 'bill'),
      amount: parseAmount(p.amount),
      ...(p.lifetime ? { lifetime: parseFormLifetime(p.lifetime) } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.comment ? { comment: p.comment } : {}),
      ...(p.success_url ? { successUrl: validateReturnUrl('success_url', p.success_url) } : {}),
      secretKey: v.signing_key,
    });
    expect(redirect.url).toBe(v.example_url);
  }
});

each('bill_1_0_0_notification_signature', (v) => {
  const params = parseFormBody(body(v.raw_body));
  expect(billNotificationSignature(params, v.signing_key_secret_key)).toBe(v.expected_signature_base64);
  const credentials = { secretKey: v.signing_key_secret_key };
  for (const name of ['X-Api-Signature', 'X-Api-Signature-SHA256']) {
    const read = readBillNotification(
      body(v.raw_body),
      { [name.toLowerCase()]: v.expected_signature_base64 },
      credentials,
    );
    expect(read.status).toBe(params.find((x) => x.name === 'status')?.value);
  }
  for (const alt of [v.alt_signature_hex, v.alt_all_params_signature_base64]) {
    rejectedWith(151, () => readBillNotification(body(v.raw_body), { 'x-api-signature': alt }, credentials));
  }
});

each('partner_v1_notification_signature', (v) => {
  const [currency, value, billId, siteId, status] = v.canonical_string.split('|');
  expect(partnerV1NotificationSignature({ currency, value, billId, siteId, status }, v.merchant_secret)).toBe(
    v.expected_x_api_signature_sha256_hex,
  );
});

each('amount_normalisation', (v) => {
  expect(normaliseAmount(v.input)).toBe(v.expected_truncated);
  // Where binary-float rounding differs from QIWI's rule, ours must not agree with it.
  if (v.differs) expect(normaliseAmount(v.input)).not.toBe(v.js_toFixed_2);
});

each('lifetime_formatting', (v) => {
  const instant = new Date(v.instant_utc);
  expect(formatRestLifetime(instant)).toBe(v.rest_lifetime);
  expect(formatFormLifetime(instant)).toBe(v.form_lifetime);
  expect(parseRestLifetime(v.rest_lifetime).toISOString()).toBe(instant.toISOString());
  expect(formatRestLifetime(parseFormLifetime(v.form_lifetime))).toBe(v.rest_lifetime.slice(0, 17) + '00');
});

afterAll(() => {
  // Every vector of every section was walked, and passed.
  const all = Object.keys(vectors)
    .filter((name) => name !== 'meta')
    .flatMap((name) => section(name).map((v, i) => `${name}/${vectorName(v, i)}`));
  expect([...checked].sort()).toEqual(all.sort());
  console.log(`qiwi vectors: ${checked.size} of ${all.length} checked`);
});
