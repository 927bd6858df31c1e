import type { Clock } from './core/clock.js';
import type { Scheduler } from './core/scheduler.js';
import type { ResolvedConfig } from './config/resolve-config.js';
import type { Ledger } from './domain/ledger.js';
import type { SandboxState } from './domain/state.js';
import type { Notifier } from './notify/notifier.js';

/** What the HTTP layer of one sandbox instance works with; built once by createSandbox. */
export interface SandboxContext {
  config: ResolvedConfig;
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  ledger: Ledger;
  notifier: Notifier;
  log(line: string): void;
}
