import { readFileSync } from 'node:fs';
import { configAmount } from '../core/money.js';
import type { FormSignOrder } from '../crypto/bill-form-sign.js';
import { derivePublicKey } from '../crypto/base58.js';
import { deriveSecretKey } from '../crypto/bill-secret-key.js';
import type { HttpStatusProfile } from '../core/result-codes.js';
import { demoBillMerchant, demoPullMerchant } from './demo-accounts.js';
import { configSchema, type ParsedConfig, type SandboxConfigInput } from './schema.js';

// One config module: validate with the schema, report every problem at once, derive the Bill keys.

export interface Limits {
  currencies: string[];
  minMinor: number;
  maxMinor: number;
  flags: {
    protocolDisabled: boolean;
    blocked: boolean;
    apiIdBlocked: boolean;
    monthlyLimitExceeded: boolean;
    blockedIps: string[];
  };
  refunds: { mode: 'success' | 'processing'; processingMs: number; finalStatus: 'success' | 'fail' };
  maxLifetimeDays: number;
  /** Origins successUrl/failUrl must be on (pull §8.2); undefined = any origin (the demo accounts). */
  siteOrigins?: string[];
}

export interface PullMerchant extends Limits {
  protocol: 'pull';
  prvId: string;
  projectName: string;
  api: Array<{ apiId: string; password: string; blocked: boolean }>;
  notification: {
    url?: string;
    password: string;
    auth: 'basic' | 'signature';
    onMerchantCancel: boolean;
    email: string;
  };
  webFormDefaultLifetimeDays: number;
  allowUnsignedWebForm: boolean;
}

export interface BillMerchant extends Limits {
  protocol: 'bill';
  prvId: string;
  projectName?: string;
  apiId: string;
  apiSecret: string;
  secretKey: string;
  publicKey: string;
  publicKeyCurrency: string;
  profile: 'A' | 'B';
  notification: { url?: string; onMerchantCancel: boolean; email: string };
  formSignOrder: FormSignOrder;
}

export type Merchant = PullMerchant | BillMerchant;

export interface ResolvedConfig {
  httpStatusProfile: HttpStatusProfile;
  timeFactor: number;
  pull: PullMerchant[];
  bill: BillMerchant[];
  wallets: ParsedConfig['wallets'];
  notifications: ParsedConfig['notifications'];
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`sandbox config is invalid — fix these and start again:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface ResolveOptions {
  notifyUrl?: string;
  timeFactor?: number;
  httpStatusProfile?: HttpStatusProfile;
}

function limitsOf(
  m: ParsedConfig['pull'][number] | ParsedConfig['bill'][number],
): Omit<Limits, 'maxLifetimeDays'> {
  return {
    currencies: m.currencies,
    minMinor: configAmount(m.minAmount),
    maxMinor: configAmount(m.maxAmount),
    flags: m.flags,
    refunds: m.refunds,
    siteOrigins: m.siteOrigins?.map((o) => new URL(o).origin),
  };
}

export function resolveConfig(input: SandboxConfigInput = {}, options: ResolveOptions = {}): ResolvedConfig {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const cfg = parsed.data;
  const pullInputs = [...cfg.pull];
  const billInputs = [...cfg.bill];
  if (cfg.demoAccounts) {
    const demo = configSchema.parse({
      pull: [demoPullMerchant(options.notifyUrl)],
      bill: [demoBillMerchant(options.notifyUrl)],
    });
    pullInputs.push(...demo.pull.filter((d) => !pullInputs.some((m) => m.prvId === d.prvId)));
    billInputs.push(...demo.bill.filter((d) => !billInputs.some((m) => m.prvId === d.prvId)));
  }
  const pull: PullMerchant[] = pullInputs.map(resolvePullMerchant);
  const bill: BillMerchant[] = billInputs.map(resolveBillMerchant);
  const problems = crossCheck(pull, bill);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    httpStatusProfile: options.httpStatusProfile ?? cfg.httpStatusProfile,
    timeFactor: options.timeFactor ?? cfg.timeFactor,
    pull,
    bill,
    wallets: cfg.wallets,
    notifications: cfg.notifications,
  };
}

export function resolvePullMerchant(m: ParsedConfig['pull'][number]): PullMerchant {
  return {
    protocol: 'pull',
    ...limitsOf(m),
    prvId: m.prvId,
    projectName: m.projectName,
    api: m.api,
    notification: m.notification,
    maxLifetimeDays: m.maxLifetimeDays,
    webFormDefaultLifetimeDays: m.webFormDefaultLifetimeDays,
    allowUnsignedWebForm: m.allowUnsignedWebForm,
  };
}

export function resolveBillMerchant(m: ParsedConfig['bill'][number]): BillMerchant {
  return {
    protocol: 'bill',
    ...limitsOf(m),
    prvId: m.prvId,
    projectName: m.projectName,
    apiId: m.apiId,
    apiSecret: m.apiSecret,
    secretKey: deriveSecretKey(m.prvId, m.apiId, m.apiSecret),
    publicKey: m.publicKey ?? derivePublicKey(m.prvId, m.apiId, m.publicKeyCurrency),
    publicKeyCurrency: m.publicKeyCurrency,
    profile: m.profile,
    notification: m.notification,
    maxLifetimeDays: m.maxLifetimeDays,
    formSignOrder: m.formSignOrder,
  };
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function crossCheck(pull: PullMerchant[], bill: BillMerchant[]): string[] {
  const problems: string[] = [];
  for (const id of duplicates(pull.map((m) => m.prvId)))
    problems.push(`pull: prvId ${id} is configured twice`);
  for (const id of duplicates(pull.flatMap((m) => m.api.map((a) => a.apiId)))) {
    problems.push(`pull: apiId ${id} belongs to more than one account; give each API id one prvId`);
  }
  for (const id of duplicates(bill.map((m) => m.prvId)))
    problems.push(`bill: prvId ${id} is configured twice`);
  for (const key of duplicates(bill.map((m) => m.publicKey)))
    problems.push(`bill: publicKey ${key} is used twice`);
  for (const m of [...pull, ...bill]) {
    if (m.minMinor > m.maxMinor) problems.push(`${m.protocol} ${m.prvId}: minAmount is above maxAmount`);
  }
  return problems;
}

/** Reads and validates a JSON config file; errors name the file and what to fix. */
export function loadConfigFile(path: string): SandboxConfigInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`cannot read ${path}: ${(error as Error).message} — check the --config path`]);
  }
  try {
    return JSON.parse(text) as SandboxConfigInput;
  } catch (error) {
    throw new ConfigError([`${path} is not valid JSON: ${(error as Error).message}`]);
  }
}
