export {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './webhook-dispatcher.js';
export {
  ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  WebhookSignatureError,
  signWebhook,
  verifyWebhook,
  type VerifyWebhookInput,
} from './webhook-signature.js';
export {
  GENERATE_SECRET_HINT,
  splitWebhookSecrets,
  webhookSecretKey,
  webhookSecretProblem,
} from './webhook-secret.js';
export { DEFAULT_BACKOFF, webhookRetryDelayMs, type BackoffPolicy } from './retry-backoff.js';
export { buildWebhookPayload, orderWebhookType, type WebhookPayload } from '../ledger/index.js';
/** What the in-process `onEvent` callback receives: the same JSON the merchant's URL is sent. */
export type { WebhookPayload as WebhookEventPayload } from '../ledger/index.js';
