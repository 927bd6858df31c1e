// The QIWI protocol core: the client side of QIWI Wallet Pull REST API 2.1 and Bill Payments REST API 1.0.0.
export * from './errors.js';
export * from './money.js';
export type * from './brands.js';
export * from './lifetime.js';
export * from './params.js';
export * from './statuses.js';
export * from './result-codes.js';
export * from './auth.js';
export * from './signatures.js';
export * from './constant-time.js';
export * from './form-body.js';
export * from './redirects.js';
export * from './notifications.js';
export * from './protocols/protocol.js';
export * from './protocols/pull-protocol.js';
export * from './protocols/bill-protocol.js';
export type { RestDetails } from './rest/rest-details.js';
export {
  createQiwiClient,
  type QiwiClient,
  type QiwiClientOptions,
  type CreateBillInput,
} from './rest/client.js';
export type { QiwiBill, QiwiRefund } from './rest/resources.js';
export type { AttemptEvent } from './rest/transport.js';
export { DEFAULT_RETRY_POLICY, equalJitterDelayMs, type RetryPolicy } from './rest/retry-policy.js';
