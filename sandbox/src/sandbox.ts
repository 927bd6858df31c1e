import type { Express } from 'express';
import { createClock, type Clock } from './core/clock.js';
import type { HttpStatusProfile } from './core/result-codes.js';
import { createScheduler } from './core/scheduler.js';
import { loadConfigFile, resolveConfig, type ResolvedConfig } from './config/resolve-config.js';
import type { SandboxConfigInput } from './config/schema.js';
import type { SandboxContext } from './context.js';
import { createLedger, type Ledger } from './domain/ledger.js';
import { clearState, createState, type SandboxState } from './domain/state.js';
import { createApp } from './http/app.js';
import { listen, type RunningServers, type StartOptions } from './listen.js';
import { createNotifier, type Notifier } from './notify/notifier.js';
import type { PostFn } from './notify/http-post.js';

// createSandbox wires one independent emulator instance: config, clock, state, ledger, notifier, app.

export interface SandboxOptions {
  /** Config object with the same shape as the JSON config file. */
  config?: SandboxConfigInput;
  /** Path of a JSON config file (merged under `config`, which wins). */
  configFile?: string;
  /** Notification URL of the built-in demo accounts. */
  notifyUrl?: string;
  /**
   * Real ms per virtual ms: the virtual clock (lifetimes, retries, refunds, the delivery log) runs
   * 1/timeFactor times as fast as real time; 0.001 turns 1 min into 60 ms.
   */
  timeFactor?: number;
  httpStatusProfile?: HttpStatusProfile;
  /** Initial virtual time (default: now). */
  now?: Date | number | string;
  /** Real milliseconds between expiry sweeps while started (default 1000). */
  sweepIntervalMs?: number;
  /**
   * Bearer token the control API (/__sandbox/…) and the bills page require from every caller. Without
   * one they answer loopback clients only.
   */
  controlToken?: string;
  /** Receives one line per REST call, page action and delivery attempt. */
  log?: (line: string) => void;
  /** Outbound HTTP for notifications (tests may replace it). */
  post?: PostFn;
}

export type RunningSandbox = RunningServers;

export interface Sandbox {
  /** The Express app: mount it or pass it to http.createServer yourself. */
  app: Express;
  config: ResolvedConfig;
  clock: Clock;
  state: SandboxState;
  ledger: Ledger;
  notifier: Notifier;
  /** Binds http (and optionally https); port 0 picks a free port. */
  start(options?: StartOptions): Promise<RunningSandbox>;
  /** Moves virtual time forward; expiries and due retries run at once. */
  advance(ms: number): void;
  /** Forgets bills, deliveries, e-mails and faults; the clock returns to its start. */
  reset(): void;
  /** Stops timers and every server started by start(). */
  close(): Promise<void>;
}

function toEpoch(value: Date | number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const epoch =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(epoch)) throw new Error(`now must be a date, got ${String(value)}`);
  return epoch;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const fromFile = options.configFile ? loadConfigFile(options.configFile) : {};
  const config = resolveConfig(
    { ...fromFile, ...options.config },
    {
      notifyUrl: options.notifyUrl,
      timeFactor: options.timeFactor,
      httpStatusProfile: options.httpStatusProfile,
    },
  );
  const log = options.log ?? (() => undefined);
  // One virtual clock for lifetimes, retries, refunds and the delivery log, scaled by the time factor.
  const clock = createClock({ start: toEpoch(options.now), timeFactor: config.timeFactor });
  const scheduler = createScheduler(clock);
  const state = createState();
  const merchantOf: Parameters<typeof createNotifier>[0]['merchantOf'] = (bill) =>
    bill.protocol === 'pull'
      ? config.pull.find((m) => m.prvId === bill.prvId)
      : config.bill.find((m) => m.prvId === bill.prvId);
  const notifier = createNotifier({ state, clock, scheduler, config, merchantOf, post: options.post, log });
  const ledger = createLedger({
    state,
    clock,
    scheduler,
    onFinal: (bill, cause) => notifier.notify(bill, cause),
  });
  clock.onAdvance(() => ledger.sweep());
  const ctx: SandboxContext = { config, state, clock, scheduler, ledger, notifier, log };
  const reset = (): void => {
    notifier.stop();
    scheduler.cancelAll();
    clearState(state);
    clock.reset();
  };
  if (options.controlToken !== undefined && options.controlToken.trim().length < 16) {
    throw new Error('controlToken must be at least 16 characters; generate one with `openssl rand -hex 24`');
  }
  const app = createApp(ctx, { reset }, { token: options.controlToken });
  const running: RunningServers[] = [];
  let sweeper: NodeJS.Timeout | undefined;

  return {
    app,
    config,
    clock,
    state,
    ledger,
    notifier,
    async start(startOptions) {
      const servers = await listen(app, startOptions);
      running.push(servers);
      if (!sweeper) {
        // Lazy expiry covers reads; the sweep makes an unread bill expire (and notify) on time too.
        sweeper = setInterval(() => ledger.sweep(), options.sweepIntervalMs ?? 1000);
        sweeper.unref();
      }
      return {
        ...servers,
        close: async () => {
          running.splice(running.indexOf(servers), 1);
          await servers.close();
        },
      };
    },
    advance(ms) {
      clock.advance(ms);
    },
    reset,
    async close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      notifier.stop();
      scheduler.cancelAll();
      await Promise.all(running.splice(0).map((servers) => servers.close()));
    },
  };
}
