import { describe, expect, it } from 'vitest';
import { basicAuthHeader, parseBasicAuth } from '../src/crypto/basic-auth.js';
import { derivePublicKey } from '../src/crypto/base58.js';
import { billFormMessage, signBillForm, verifyBillFormSign } from '../src/crypto/bill-form-sign.js';
import {
  billNotificationMessage,
  signBillNotification,
  verifyBillNotification,
} from '../src/crypto/bill-notification-signature.js';
import {
  decodeSecretKey,
  deriveSecretKey,
  md5Hex,
  parseSecretKeyHeader,
  secretKeyMatches,
} from '../src/crypto/bill-secret-key.js';
import {
  pullNotificationMessage,
  signPullNotification,
  verifyPullNotification,
} from '../src/crypto/pull-notification-signature.js';
import {
  pullWebformMessage,
  signPullWebform,
  verifyPullWebformSign,
} from '../src/crypto/pull-webform-sign.js';
import { formatAmount, parseAmount } from '../src/core/money.js';
import {
  formatFormLifetime,
  formatMoscow,
  parseFormLifetime,
  parseRestLifetime,
} from '../src/core/moscow-time.js';
import { section, str } from './vectors.js';

// Cross-checks (pull-rest-api-2.1.md §14, bill-payments-rest-api-1.0.0.md §14): every vector of every
// section the emulator implements, including proof that the alt_* readings do NOT verify.

const params = (v: Record<string, unknown>): Record<string, string> => v.params as Record<string, string>;

describe('pull-rest-api-2.1.md §14 Cross-checks: All vectors in test-vectors.json sections pull_* pass in both client and emulator code', () => {
  describe('pull_api_basic_auth_header (pull §4.1)', () => {
    for (const v of section('pull_api_basic_auth_header')) {
      it(`${v.id}: builds and parses the header`, () => {
        expect(basicAuthHeader(str(v, 'api_id'), str(v, 'api_password'))).toBe(
          str(v, 'expected_header_value'),
        );
        expect(parseBasicAuth(str(v, 'expected_header_value'))).toEqual({
          user: str(v, 'api_id'),
          password: str(v, 'api_password'),
        });
      });
    }
  });

  describe('pull_notification_basic_auth_header (pull §9.3 Basic)', () => {
    for (const v of section('pull_notification_basic_auth_header')) {
      it(`${v.id}: prv_id:notification_password`, () => {
        expect(basicAuthHeader(str(v, 'prv_id'), str(v, 'notification_password'))).toBe(
          str(v, 'expected_header_value'),
        );
        const alt = v.alt_documentation_value_with_trailing_lf;
        if (typeof alt === 'string') {
          expect(alt).not.toBe(str(v, 'expected_header_value'));
          expect(parseBasicAuth(alt)?.password).not.toBe(str(v, 'notification_password'));
        }
      });
    }
  });

  describe('pull_webform_sign (pull §7.4)', () => {
    for (const v of section('pull_webform_sign')) {
      it(`${v.id}: canonical string, sign, case-insensitive verify, Base64 rejected`, () => {
        const p = params(v);
        const password = str(v, 'api_password');
        expect(pullWebformMessage(p)).toBe(str(v, 'canonical_string'));
        expect(Buffer.from(pullWebformMessage(p), 'utf8').toString('hex')).toBe(
          str(v, 'canonical_string_utf8_hex'),
        );
        expect(signPullWebform(p, password)).toBe(str(v, 'expected_sign_hex'));
        expect(verifyPullWebformSign(p, password, str(v, 'expected_sign_hex'))).toBe(true);
        // §13 A2: the emulator compares hex case-insensitively, so the uppercase alt verifies...
        expect(verifyPullWebformSign(p, password, str(v, 'alt_sign_hex_uppercase'))).toBe(true);
        // ...while the Base64 encoding of the same MAC does not.
        expect(verifyPullWebformSign(p, password, str(v, 'alt_sign_base64'))).toBe(false);
        expect(verifyPullWebformSign(p, `${password}x`, str(v, 'expected_sign_hex'))).toBe(false);
        const url = new URL(str(v, 'example_url'));
        const fromUrl = Object.fromEntries(url.searchParams);
        expect(verifyPullWebformSign(fromUrl, password, fromUrl.sign ?? '')).toBe(true);
      });
    }
  });

  describe('pull_notification_signature (pull §9.3 signature)', () => {
    for (const v of section('pull_notification_signature')) {
      it(`${v.id}: X-Api-Signature over all parameters`, () => {
        const body = str(v, 'raw_body');
        const password = str(v, 'notification_password');
        const pairs = [...new URLSearchParams(body)];
        expect(pullNotificationMessage(pairs)).toBe(str(v, 'canonical_string'));
        expect(signPullNotification(pairs, password)).toBe(str(v, 'expected_x_api_signature'));
        expect(verifyPullNotification(body, password, str(v, 'expected_x_api_signature'))).toBe(true);
        expect(verifyPullNotification(body, password, str(v, 'alt_literal_reading_base64_of_hex_text'))).toBe(
          false,
        );
        expect(verifyPullNotification(body, 'wrong', str(v, 'expected_x_api_signature'))).toBe(false);
      });
    }
  });
});

describe('bill-payments-rest-api-1.0.0.md §14 Cross-checks: All vectors in test-vectors.json sections bill_1_0_0_* pass in client and emulator code', () => {
  describe('bill_1_0_0_secret_key (bill §2.1)', () => {
    for (const v of section('bill_1_0_0_secret_key')) {
      it(`${v.id}: derivation and verification by recomputation`, () => {
        const secret = str(v, 'api_secret');
        expect(md5Hex(secret)).toBe(str(v, 'md5_api_secret_hex'));
        const key = deriveSecretKey(str(v, 'prv_id'), str(v, 'api_id'), secret);
        expect(key).toBe(str(v, 'expected_secret_key'));
        expect(`Bearer ${key}`).toBe(str(v, 'expected_bearer_header_value'));
        const verify = (header: string): boolean => {
          const token = parseSecretKeyHeader(header);
          const decoded = token ? decodeSecretKey(token) : null;
          return decoded !== null && decoded.prvId === str(v, 'prv_id') && secretKeyMatches(decoded, secret);
        };
        expect(verify(str(v, 'expected_bearer_header_value'))).toBe(true);
        // §4.1/§13 B2: `Basic <secret_key>` is accepted; §13 B3: uppercase MD5 hex is accepted.
        expect(verify(str(v, 'alt_basic_header_value_seen_in_one_doc_section'))).toBe(true);
        expect(verify(`Bearer ${str(v, 'alt_uppercase_md5_secret_key')}`)).toBe(true);
        expect(verify(`Bearer ${str(v, 'alt_raw_md5_bytes_secret_key')}`)).toBe(false);
      });
    }
  });

  describe('bill_1_0_0_bearer_header (bill §4.1)', () => {
    for (const v of section('bill_1_0_0_bearer_header')) {
      it(`${v.id}: ${v.expected_valid === false ? 'rejected' : 'accepted'}`, () => {
        const against = v.verifies_against as Record<string, string>;
        const token = parseSecretKeyHeader(str(v, 'expected_header_value'));
        expect(token).toBe(str(v, 'secret_key'));
        const decoded = decodeSecretKey(token ?? '');
        expect(decoded && `${decoded.prvId}|${decoded.apiId}|${decoded.md5}`).toBe(str(v, 'decoded_token'));
        const valid =
          decoded !== null &&
          decoded.prvId === against.prv_id &&
          decoded.apiId === against.api_id &&
          secretKeyMatches(decoded, against.api_secret ?? '');
        expect(valid).toBe(v.expected_valid !== false);
      });
    }
  });

  describe('bill_1_0_0_public_key (bill §2.2)', () => {
    for (const v of section('bill_1_0_0_public_key')) {
      it(`${v.id}: Base58 of prv_id|api_id|currency`, () => {
        expect(derivePublicKey(str(v, 'prv_id'), str(v, 'api_id'), str(v, 'currency'))).toBe(
          str(v, 'expected_public_key'),
        );
      });
    }
  });

  describe('bill_1_0_0_form_sign (bill §6.3)', () => {
    for (const v of section('bill_1_0_0_form_sign')) {
      it(`${v.id}: alphabetical order, secret_key, hex`, () => {
        const p = params(v);
        const key = str(v, 'signing_key');
        expect(billFormMessage(p)).toBe(str(v, 'canonical_string'));
        expect(signBillForm(p, key)).toBe(str(v, 'expected_sign_hex'));
        expect(verifyBillFormSign(p, key, str(v, 'expected_sign_hex'))).toBe(true);
        expect(verifyBillFormSign(p, key, str(v, 'expected_sign_hex').toUpperCase())).toBe(true);
        expect(verifyBillFormSign(p, key, str(v, 'alt_sign_base64'))).toBe(false);
        expect(verifyBillFormSign(p, key, str(v, 'alt_template_order_sign_hex'))).toBe(false);
        if (typeof v.alt_key_api_secret_sign_hex === 'string') {
          expect(verifyBillFormSign(p, key, v.alt_key_api_secret_sign_hex)).toBe(false);
        }
        // The experimental `template` switch reproduces the alternative reading exactly.
        expect(billFormMessage(p, 'template')).toBe(str(v, 'alt_template_order_canonical_string'));
        expect(signBillForm(p, key, 'template')).toBe(str(v, 'alt_template_order_sign_hex'));
      });
    }
  });

  describe('bill_1_0_0_notification_signature (bill §9.2)', () => {
    for (const v of section('bill_1_0_0_notification_signature')) {
      it(`${v.id}: present signed fields only, Base64 of the raw digest`, () => {
        const body = str(v, 'raw_body');
        const key = str(v, 'signing_key_secret_key');
        const pairs = [...new URLSearchParams(body)];
        expect(billNotificationMessage(pairs)).toBe(str(v, 'canonical_string'));
        expect(signBillNotification(pairs, key)).toBe(str(v, 'expected_signature_base64'));
        expect(verifyBillNotification(body, key, str(v, 'expected_signature_base64'))).toBe(true);
        expect(verifyBillNotification(body, key, str(v, 'alt_signature_hex'))).toBe(false);
        expect(verifyBillNotification(body, key, str(v, 'alt_all_params_signature_base64'))).toBe(false);
      });
    }
  });
});

describe('amount_normalisation (pull §4.5)', () => {
  for (const v of section('amount_normalisation')) {
    it(`${str(v, 'input')} truncates to ${str(v, 'expected_truncated')}`, () => {
      const parsed = parseAmount(str(v, 'input'));
      expect(parsed.ok && formatAmount(parsed.minor)).toBe(str(v, 'expected_truncated'));
    });
  }
});

describe('lifetime_formatting (pull §4.5, §7.3)', () => {
  for (const v of section('lifetime_formatting')) {
    it(`${str(v, 'instant_utc')} in Moscow time`, () => {
      const instant = Date.parse(str(v, 'instant_utc'));
      expect(formatMoscow(instant)).toBe(str(v, 'rest_lifetime'));
      expect(formatFormLifetime(instant)).toBe(str(v, 'form_lifetime'));
      expect(parseRestLifetime(str(v, 'rest_lifetime'))).toBe(instant);
      expect(parseFormLifetime(str(v, 'form_lifetime'))).toBe(instant - (instant % 60_000));
    });
  }
});
