import { z } from 'zod';

// The JSON config file (and the `config` option of createSandbox). pull-rest-api-2.1.md §14 and
// bill-payments-rest-api-1.0.0.md §14 "Configuration" list what a merchant account must carry.

const digits = z.string().regex(/^\d+$/, 'must be decimal digits, e.g. "21379721"');
const amount = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be a decimal string like "0.01"');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 alpha-3 code like "RUB"');
const httpUrl = z
  .string()
  .regex(
    /^https?:\/\/\S+$/,
    'must be an absolute http:// or https:// URL, e.g. "http://127.0.0.1:3000/notify"',
  );

// A site origin such as "https://shop.example" or "http://127.0.0.1:5173": scheme, host, optional port.
const siteOrigin = z
  .string()
  .regex(
    /^https?:\/\/[^/?#\s]+$/,
    'must be an origin like "https://shop.example" (scheme and host, no path)',
  );

const flags = z
  .object({
    protocolDisabled: z.boolean().default(false),
    blocked: z.boolean().default(false),
    apiIdBlocked: z.boolean().default(false),
    monthlyLimitExceeded: z.boolean().default(false),
    blockedIps: z.array(z.string()).default([]),
  })
  .strict()
  .prefault({});

const refunds = z
  .object({
    mode: z.enum(['success', 'processing']).default('success'),
    processingMs: z.number().int().nonnegative().default(60_000),
    finalStatus: z.enum(['success', 'fail']).default('success'),
  })
  .strict()
  .prefault({});

const limits = {
  currencies: z.array(currency).min(1).default(['RUB']),
  minAmount: amount.default('0.01'),
  maxAmount: amount.default('999999.99'),
  flags,
  refunds,
  // pull-rest-api-2.1.md §8.2: successUrl/failUrl "must be on the merchant's site". Absent = any origin.
  siteOrigins: z.array(siteOrigin).optional(),
};

export const pullMerchantSchema = z
  .object({
    prvId: digits,
    projectName: z.string().min(1).default('Demo Shop'),
    api: z
      .array(
        z
          .object({ apiId: digits, password: z.string().min(1), blocked: z.boolean().default(false) })
          .strict(),
      )
      .min(1, 'needs at least one { "apiId", "password" } pair'),
    notification: z
      .object({
        url: httpUrl.optional(),
        password: z.string().min(1, 'set the notification password from the QIWI cabinet'),
        auth: z.enum(['basic', 'signature']).default('basic'),
        onMerchantCancel: z.boolean().default(true),
        email: z.string().default('merchant@example.test'),
      })
      .strict(),
    maxLifetimeDays: z.number().int().positive().default(45),
    webFormDefaultLifetimeDays: z.number().int().positive().default(28),
    allowUnsignedWebForm: z.boolean().default(true),
    ...limits,
  })
  .strict();

export const billMerchantSchema = z
  .object({
    prvId: digits,
    /** Shown to the payer as the checkout's headline (pull §5.1 prv_name plays this role in Pull). */
    projectName: z.string().min(1).optional(),
    apiId: digits,
    apiSecret: z.string(),
    publicKey: z.string().min(1).optional(),
    publicKeyCurrency: currency.default('RUB'),
    profile: z.enum(['A', 'B']).default('A'),
    notification: z
      .object({
        url: httpUrl.optional(),
        onMerchantCancel: z.boolean().default(true),
        email: z.string().default('merchant@example.test'),
      })
      .strict()
      .prefault({}),
    maxLifetimeDays: z.number().int().positive().default(28),
    formSignOrder: z.enum(['alphabetical', 'template']).default('alphabetical'),
    ...limits,
  })
  .strict();

const phones = z.array(z.string()).default([]);

export const configSchema = z
  .object({
    demoAccounts: z.boolean().default(true),
    httpStatusProfile: z.enum(['documented', 'strict']).default('documented'),
    timeFactor: z.number().positive().max(1000).default(1),
    pull: z.array(pullMerchantSchema).default([]),
    bill: z.array(billMerchantSchema).default([]),
    wallets: z
      .object({
        unregistered: phones,
        blocked: phones,
        unknownOperator: phones,
        unsupportedRegion: phones,
        unsupportedCountry: phones,
      })
      .strict()
      .prefault({}),
    notifications: z
      .object({
        attemptTimeoutMs: z.number().int().positive().default(10_000),
        minAttemptTimeoutMs: z.number().int().nonnegative().default(1_000),
        requireXmlContentType: z.boolean().default(true),
        allowNonLoopback: z.boolean().default(false),
        sourceIp: z.string().default('91.232.230.10'),
        includePayDate: z.boolean().default(false),
        pullScheduleMinutes: z.array(z.number().nonnegative()).optional(),
        billScheduleMinutes: z.array(z.number().nonnegative()).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type SandboxConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type PullMerchantInput = z.input<typeof pullMerchantSchema>;
export type BillMerchantInput = z.input<typeof billMerchantSchema>;
