// Public API of @qiwi-pay/sandbox.
export { createSandbox } from './sandbox.js';
export type { Sandbox, SandboxOptions, RunningSandbox } from './sandbox.js';
export type { StartOptions } from './listen.js';
export type { SandboxConfigInput } from './config/schema.js';
export { ConfigError, loadConfigFile, resolveConfig } from './config/resolve-config.js';
export type { BillMerchant, PullMerchant, ResolvedConfig } from './config/resolve-config.js';
export { DEMO_BILL, DEMO_PULL } from './config/demo-accounts.js';
export type { Clock } from './core/clock.js';
export type { BillStatus } from './core/bill-state.js';
export type {
  BillRecord,
  Delivery,
  DeliveryAttempt,
  EmailEntry,
  FaultRule,
  RefundRecord,
  SandboxState,
} from './domain/state.js';
