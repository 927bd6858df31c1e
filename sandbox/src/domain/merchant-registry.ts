import { randomBytes, randomInt } from 'node:crypto';
import {
  resolveBillMerchant,
  resolvePullMerchant,
  type BillMerchant,
  type PullMerchant,
  type ResolvedConfig,
} from '../config/resolve-config.js';
import { billMerchantSchema, pullMerchantSchema } from '../config/schema.js';

// Accounts made while the sandbox runs, so a second merchant server gets its own prv_id, credentials and
// notification URL from the same sandbox (its bills notify its URL only: pull §9.1, bill §9.1 send to
// "the notification URL of the merchant"). The secrets are returned once, to the caller that made them.

export interface NewMerchantInput {
  protocol?: unknown;
  notifyUrl?: unknown;
  projectName?: unknown;
  siteOrigins?: unknown;
  currencies?: unknown;
}

export type NewMerchant =
  | { protocol: 'pull'; merchant: PullMerchant; apiPassword: string; notificationPassword: string }
  | { protocol: 'bill'; merchant: BillMerchant; apiSecret: string };

const secret = (): string => randomBytes(15).toString('base64url');

function freshId(taken: (id: string) => boolean, digits: number): string {
  for (let tries = 0; tries < 1000; tries++) {
    const id = String(randomInt(10 ** (digits - 1), 10 ** digits));
    if (!taken(id)) return id;
  }
  throw new Error('no free id after 1000 tries');
}

/** Adds a Pull or Bill account with generated ids and secrets; a string says what to fix. */
export function addMerchant(config: ResolvedConfig, input: NewMerchantInput): NewMerchant | string {
  const protocol = input.protocol;
  if (protocol !== 'pull' && protocol !== 'bill') return 'protocol must be "pull" or "bill"';
  const allIds = [...config.pull.map((m) => m.prvId), ...config.bill.map((m) => m.prvId)];
  const prvId = freshId((id) => allIds.includes(id), 8);
  const apiIds = [
    ...config.pull.flatMap((m) => m.api.map((a) => a.apiId)),
    ...config.bill.map((m) => m.apiId),
  ];
  const apiId = freshId((id) => apiIds.includes(id), 8);
  const common = {
    prvId,
    projectName: input.projectName ?? `Merchant ${prvId}`,
    currencies: input.currencies ?? ['RUB', 'USD', 'EUR', 'KZT'],
    siteOrigins: input.siteOrigins,
  };
  if (protocol === 'pull') {
    const apiPassword = secret();
    const notificationPassword = secret();
    const parsed = pullMerchantSchema.safeParse({
      ...common,
      api: [{ apiId, password: apiPassword }],
      notification: { url: input.notifyUrl, password: notificationPassword, auth: 'basic' },
    });
    if (!parsed.success) return problems(parsed.error.issues);
    const merchant = resolvePullMerchant(parsed.data);
    config.pull.push(merchant);
    return { protocol, merchant, apiPassword, notificationPassword };
  }
  const apiSecret = secret();
  const parsed = billMerchantSchema.safeParse({
    ...common,
    apiId,
    apiSecret,
    notification: { url: input.notifyUrl },
  });
  if (!parsed.success) return problems(parsed.error.issues);
  const merchant = resolveBillMerchant(parsed.data);
  config.bill.push(merchant);
  return { protocol, merchant, apiSecret };
}

function problems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const rename: Record<string, string> = { 'notification.url': 'notifyUrl' };
  return issues
    .map((i) => {
      const path = i.path.map(String).join('.');
      return `${rename[path] ?? path}: ${i.message}`;
    })
    .join('; ');
}
