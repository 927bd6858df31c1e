import { decodeBase64Strict } from './constant-time.js';

// HTTP Basic as QIWI uses it: REST requests (pull-rest-api-2.1.md §4.1, API_ID:API_PASSWORD) and
// notifications (§9.3, prv_id:notification_password). UTF-8 before Base64; only the FIRST colon splits.

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export interface BasicCredentials {
  user: string;
  password: string;
}

/** Parses `Authorization: Basic …`; null when missing or garbled (the caller answers code 150). */
export function parseBasicAuth(header: string | undefined): BasicCredentials | null {
  if (!header) return null;
  const match = /^Basic[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match?.[1]) return null;
  const bytes = decodeBase64Strict(match[1]);
  if (!bytes) return null;
  const text = bytes.toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
