// @qiwi-pay/server as a library: the app factory, the runtime, order-token minting and webhook
// verification for merchants, and the QIWI protocol core.
export * from './qiwi/index.js';
export { createApp, type AppDeps } from './app.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { loadConfig, ConfigError, type Config } from './config/config.js';
export {
  mintOrderToken,
  DEFAULT_ORDER_TOKEN_EXPIRY_SECONDS,
  ORDER_TOKEN_AUDIENCE,
  type MintOrderTokenInput,
  type MintOrderTokenOptions,
} from './checkout/order-token.js';
export { OrderFieldsError } from './checkout/order-fields.js';
export {
  verifyWebhook,
  signWebhook,
  WebhookSignatureError,
  ID_HEADER as WEBHOOK_ID_HEADER,
  TIMESTAMP_HEADER as WEBHOOK_TIMESTAMP_HEADER,
  SIGNATURE_HEADER as WEBHOOK_SIGNATURE_HEADER,
  type VerifyWebhookInput,
} from './webhooks/index.js';
export type { WebhookEventPayload } from './webhooks/index.js';
export type { Ledger, LedgerRepository, Order, Refund } from './ledger/index.js';
export { createLedger } from './ledger/index.js';
export { openRepository } from './store/open-repository.js';
