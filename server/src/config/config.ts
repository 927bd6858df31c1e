// The one place the server reads its environment (house style 3): validated by a schema, every
// problem reported at once, secrets never printed and never defaulted.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { assertNever, billSecretKey } from '../qiwi/index.js';
import {
  GENERATE_SECRET_HINT,
  splitWebhookSecrets,
  webhookSecretProblem,
} from '../webhooks/webhook-secret.js';
import { basePath } from './base-path.js';
import { trafficSettings, type TrafficConfig } from './traffic.js';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'must be an origin such as https://shop.example (scheme, host and port only)');

const secret = (hint: string) =>
  z
    .string({ error: `required: ${hint}` })
    .min(1, `required: ${hint}`)
    .refine(
      (s) => s === s.trim(),
      'has leading or trailing whitespace; copy the value without spaces or a newline',
    );

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const integer = (min: number) => z.coerce.number().int().min(min);

const base = z.object({
  PORT: integer(0).default(8787),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_PATH: z.string().min(1).default('.data/qiwi-pay.sqlite'),
  DATABASE_URL: z
    .string()
    .superRefine((value, ctx) => {
      const problem = databaseUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  DATABASE_POOL_SIZE: integer(1).max(1000).default(10),
  INSTANCE_ID: z.string().max(100).optional(),
  BASE_PATH: basePath.optional(),

  QIWI_PROTOCOL: z.enum(['pull', 'bill']).default('pull'),
  QIWI_PRV_ID: z
    .string({ error: 'required: the project (shop) id from the QIWI cabinet' })
    .regex(/^\d+$/, 'must be digits: the project id from the QIWI cabinet'),
  QIWI_API_ID: z
    .string({ error: 'required: the API id from the QIWI cabinet' })
    .regex(/^\d+$/, 'must be digits: the API id from the QIWI cabinet'),
  QIWI_API_PASSWORD: secret('the API password issued with QIWI_API_ID').optional(),
  QIWI_API_SECRET: secret('the api_secret issued with QIWI_API_ID').optional(),
  QIWI_NOTIFICATION_PASSWORD: secret('the notification password set in the QIWI cabinet').optional(),
  QIWI_NOTIFICATION_AUTH: z.enum(['basic', 'signature']).default('signature'),
  QIWI_PUBLIC_KEY: z.string().min(1).optional(),
  QIWI_API_URL: z.url().default('https://api.qiwi.com'),
  QIWI_WEBFORM_URL: z.url().optional(),
  QIWI_CHECKOUT_URL: z.url().optional(),
  QIWI_CHECKOUT_VARIANT: z.enum(['current', 'legacy']).default('current'),
  QIWI_WEBFORM_SIGNED: boolean.default(true),
  QIWI_TIMEOUT_MS: integer(100).default(15_000),
  QIWI_PRV_NAME: z.string().max(100).optional(),

  ORDER_TOKEN_SECRET: secret('the HS256 secret your shop backend signs order tokens with').optional(),
  ORDER_TOKEN_PUBLIC_KEY: z.string().optional(),
  ORDER_TOKEN_PUBLIC_KEY_FILE: z.string().optional(),
  ORDER_TOKEN_ALGORITHMS: list.default(['HS256']),
  ORDER_TOKEN_MAX_AGE_SECONDS: integer(1).default(3600),
  STATUS_TOKEN_SECRET: secret('a random string of at least 32 characters for signing status tokens').refine(
    (s) => s.length >= 32,
    'must be at least 32 characters',
  ),
  ADMIN_TOKEN: secret('a random string of at least 32 characters for the admin API').refine(
    (s) => s.length >= 32,
    'must be at least 32 characters',
  ),

  ALLOWED_ORIGINS: list.pipe(z.array(origin)).default([]),
  RETURN_URL_ORIGINS: list.pipe(z.array(origin)).optional(),
  CATALOG_FILE: z.string().optional(),
  DEFAULT_FLOW: z.enum(['checkout', 'webform']).default('checkout'),
  BILL_LIFETIME_MINUTES: integer(1).default(24 * 60),
  STATUS_STALE_SECONDS: integer(1).default(15),
  RECONCILE_INTERVAL_SECONDS: integer(0).default(60),
  RECONCILE_STALE_SECONDS: integer(1).default(60),

  WEBHOOK_URL: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z
        .array(z.url({ protocol: /^https?$/, error: 'each endpoint must be an http:// or https:// URL' }))
        .min(1, 'lists no URL'),
    )
    .optional(),
  WEBHOOK_TIMEOUT_MS: integer(100).max(120_000).default(10_000),
  WEBHOOK_CONCURRENCY: integer(1).max(100).default(4),
  WEBHOOK_MAX_ATTEMPTS: integer(1).max(100).default(12),
  WEBHOOK_RETRY_BASE_SECONDS: integer(1).default(10),
  WEBHOOK_RETRY_CAP_SECONDS: integer(1).default(3600),
  WEBHOOK_LEASE_SECONDS: integer(1).optional(),
  WEBHOOK_SECRET: z
    .string()
    .transform(splitWebhookSecrets)
    .superRefine((secrets, ctx) => {
      if (secrets.length === 0)
        ctx.addIssue({ code: 'custom', message: `is blank; ${GENERATE_SECRET_HINT}` });
      // Each problem names the position, never the value.
      secrets.forEach((s, i) => {
        const problem = webhookSecretProblem(s);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            message: secrets.length > 1 ? `secret ${i + 1} of ${secrets.length} ${problem}` : problem,
          });
      });
    })
    .optional(),

  RATE_LIMIT_PER_MINUTE: integer(1).optional(),

  DASHBOARD_SESSION_SECRET: secret('a random string of at least 32 characters for signing dashboard sessions')
    .refine((s) => s.length >= 32, 'must be at least 32 characters')
    .optional(),
  DASHBOARD_SESSION_HOURS: integer(1).default(8),
  DASHBOARD_IDLE_MINUTES: integer(1).default(60),
  DASHBOARD_COOKIE_SECURE: boolean.default(false),
});

export type Env = z.infer<typeof base>;

const ALLOWED_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
] as const;
export type TokenAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly databasePath: string;
  /** DATABASE_URL: a PostgreSQL ledger, used instead of databasePath when set. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** Names this process in webhook attempt records; hostname:pid by default. */
  readonly instanceId: string | undefined;
  /** Prefix of every route, e.g. "/api"; "" serves at the root. */
  readonly basePath: string;
  readonly qiwi:
    | {
        readonly protocol: 'pull';
        readonly prvId: string;
        readonly apiId: string;
        readonly apiPassword: string;
        readonly notificationPassword: string;
        readonly notificationAuth: 'basic' | 'signature';
        readonly prvName: string | undefined;
      }
    | {
        readonly protocol: 'bill';
        readonly prvId: string;
        readonly apiId: string;
        readonly apiSecret: string;
        readonly secretKey: string;
        readonly publicKey: string | undefined;
      };
  readonly urls: {
    readonly api: string;
    readonly webform: string | undefined;
    readonly checkout: string | undefined;
    readonly checkoutVariant: 'current' | 'legacy';
  };
  readonly webformSigned: boolean;
  readonly qiwiTimeoutMs: number;
  readonly orderToken: {
    readonly algorithms: TokenAlgorithm[];
    readonly key: string;
    readonly maxAgeSeconds: number;
  };
  readonly statusTokenSecret: string;
  readonly adminToken: string;
  readonly allowedOrigins: string[];
  readonly returnUrlOrigins: string[];
  readonly catalogFile: string | undefined;
  readonly defaultFlow: 'checkout' | 'webform';
  readonly billLifetimeMinutes: number;
  readonly statusStaleSeconds: number;
  readonly reconcileIntervalSeconds: number;
  readonly reconcileStaleSeconds: number;
  /**
   * `urls`: every endpoint gets every event; `secrets`: whsec_ secrets, each signing every delivery
   * (several while rotating).
   */
  readonly webhook: { readonly urls: readonly string[]; readonly secrets: readonly string[] } | undefined;
  readonly webhookDelivery: {
    readonly timeoutMs: number;
    readonly concurrencyPerEndpoint: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryCapMs: number;
    /** How long an instance's claim on an event holds; derived from the timeout when undefined. */
    readonly leaseMs: number | undefined;
  };
  /** Proxies, rate limits, notification sources and reject retention (traffic.ts). */
  readonly traffic: TrafficConfig;
  readonly dashboard: {
    /** Signs session cookies; the admin token when DASHBOARD_SESSION_SECRET is unset (a key is derived from it). */
    readonly sessionSecret: string;
    readonly sessionHours: number;
    readonly idleMinutes: number;
    readonly cookieAlwaysSecure: boolean;
  };
}

/** Every configuration problem, each naming the variable and what to do. Never contains a value. */
export class ConfigError extends AppError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('invalid_config', `configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  // Empty variables count as unset, so `FOO=` in an env file does not become an empty secret.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = base.safeParse(present);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const e = parsed.success ? parsed.data : undefined;
  // Rules across variables look at the raw values, so they are reported even when others are invalid.
  const raw = present as Record<string, string | undefined>;
  const has = (name: keyof Env) => raw[name] !== undefined;
  const need = (name: keyof Env, why: string) => {
    if (!has(name)) problems.push(`${name}: required ${why}`);
  };
  switch (raw.QIWI_PROTOCOL ?? 'pull') {
    case 'pull':
      need('QIWI_API_PASSWORD', 'for QIWI_PROTOCOL=pull (the API password issued with QIWI_API_ID)');
      need(
        'QIWI_NOTIFICATION_PASSWORD',
        'for QIWI_PROTOCOL=pull (the notification password set in the cabinet)',
      );
      break;
    case 'bill':
      need('QIWI_API_SECRET', 'for QIWI_PROTOCOL=bill (the api_secret issued with QIWI_API_ID)');
      break;
    default:
    // An unknown value is already reported by the schema.
  }
  const algorithms = (raw.ORDER_TOKEN_ALGORITHMS ?? 'HS256')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const alg of algorithms) {
    if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg))
      problems.push(`ORDER_TOKEN_ALGORITHMS: "${alg}" is not allowed; use ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  const symmetric = algorithms.some((a) => a.startsWith('HS'));
  const asymmetric = algorithms.some((a) => !a.startsWith('HS'));
  if (symmetric && asymmetric)
    problems.push(
      'ORDER_TOKEN_ALGORITHMS: mix of HS* and RS/ES algorithms; choose one family so a public key can never be used as an HMAC secret',
    );
  if (symmetric && !has('ORDER_TOKEN_SECRET'))
    problems.push(
      'ORDER_TOKEN_SECRET: required for HS* order-token algorithms (the secret your shop backend signs order tokens with)',
    );
  if (symmetric && (raw.ORDER_TOKEN_SECRET?.length ?? 32) < 32)
    problems.push('ORDER_TOKEN_SECRET: must be at least 32 characters for HS256');
  let publicKey = raw.ORDER_TOKEN_PUBLIC_KEY;
  if (raw.ORDER_TOKEN_PUBLIC_KEY_FILE) {
    try {
      publicKey = readFileSync(raw.ORDER_TOKEN_PUBLIC_KEY_FILE, 'utf8');
    } catch {
      problems.push(`ORDER_TOKEN_PUBLIC_KEY_FILE: cannot read ${raw.ORDER_TOKEN_PUBLIC_KEY_FILE}`);
    }
  }
  if (asymmetric && !publicKey)
    problems.push('ORDER_TOKEN_PUBLIC_KEY: required for RS/ES order-token algorithms (PEM)');
  if (has('WEBHOOK_URL') && !has('WEBHOOK_SECRET'))
    problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set');
  if (Number(raw.WEBHOOK_RETRY_CAP_SECONDS ?? 3600) < Number(raw.WEBHOOK_RETRY_BASE_SECONDS ?? 10))
    problems.push('WEBHOOK_RETRY_CAP_SECONDS: must not be below WEBHOOK_RETRY_BASE_SECONDS');
  const traffic = trafficSettings(raw, problems);
  if (problems.length > 0 || !e) throw new ConfigError(problems);

  const qiwi = qiwiSettings(e);
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    instanceId: e.INSTANCE_ID,
    basePath: e.BASE_PATH ?? '',
    qiwi,
    urls: {
      api: e.QIWI_API_URL,
      webform: e.QIWI_WEBFORM_URL,
      checkout: e.QIWI_CHECKOUT_URL,
      checkoutVariant: e.QIWI_CHECKOUT_VARIANT,
    },
    webformSigned: e.QIWI_WEBFORM_SIGNED,
    qiwiTimeoutMs: e.QIWI_TIMEOUT_MS,
    orderToken: {
      algorithms: algorithms as TokenAlgorithm[],
      key: symmetric ? (e.ORDER_TOKEN_SECRET as string) : (publicKey as string),
      maxAgeSeconds: e.ORDER_TOKEN_MAX_AGE_SECONDS,
    },
    statusTokenSecret: e.STATUS_TOKEN_SECRET,
    adminToken: e.ADMIN_TOKEN,
    allowedOrigins: e.ALLOWED_ORIGINS,
    returnUrlOrigins: e.RETURN_URL_ORIGINS ?? e.ALLOWED_ORIGINS,
    catalogFile: e.CATALOG_FILE,
    defaultFlow: e.DEFAULT_FLOW,
    billLifetimeMinutes: e.BILL_LIFETIME_MINUTES,
    statusStaleSeconds: e.STATUS_STALE_SECONDS,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    reconcileStaleSeconds: e.RECONCILE_STALE_SECONDS,
    webhook: e.WEBHOOK_URL ? { urls: e.WEBHOOK_URL, secrets: e.WEBHOOK_SECRET ?? [] } : undefined,
    webhookDelivery: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      concurrencyPerEndpoint: e.WEBHOOK_CONCURRENCY,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
      retryCapMs: e.WEBHOOK_RETRY_CAP_SECONDS * 1000,
      leaseMs: e.WEBHOOK_LEASE_SECONDS === undefined ? undefined : e.WEBHOOK_LEASE_SECONDS * 1000,
    },
    traffic,
    dashboard: {
      sessionSecret: e.DASHBOARD_SESSION_SECRET ?? e.ADMIN_TOKEN,
      sessionHours: e.DASHBOARD_SESSION_HOURS,
      idleMinutes: e.DASHBOARD_IDLE_MINUTES,
      cookieAlwaysSecure: e.DASHBOARD_COOKIE_SECURE,
    },
  };
}

function qiwiSettings(e: Env): Config['qiwi'] {
  switch (e.QIWI_PROTOCOL) {
    case 'pull':
      return {
        protocol: 'pull',
        prvId: e.QIWI_PRV_ID,
        apiId: e.QIWI_API_ID,
        apiPassword: e.QIWI_API_PASSWORD as string,
        notificationPassword: e.QIWI_NOTIFICATION_PASSWORD as string,
        notificationAuth: e.QIWI_NOTIFICATION_AUTH,
        prvName: e.QIWI_PRV_NAME,
      };
    case 'bill':
      return {
        protocol: 'bill',
        prvId: e.QIWI_PRV_ID,
        apiId: e.QIWI_API_ID,
        apiSecret: e.QIWI_API_SECRET as string,
        secretKey: billSecretKey(e.QIWI_PRV_ID, e.QIWI_API_ID, e.QIWI_API_SECRET as string),
        publicKey: e.QIWI_PUBLIC_KEY,
      };
    default:
      return assertNever(e.QIWI_PROTOCOL, 'QIWI_PROTOCOL');
  }
}

function protocolSecrets(q: Config['qiwi']): string[] {
  switch (q.protocol) {
    case 'pull':
      return [q.apiPassword, q.notificationPassword];
    case 'bill':
      return [q.apiSecret, q.secretKey];
    default:
      return assertNever(q, 'protocol');
  }
}

/** Every secret value of a configuration, for redaction and for the tests that prove none leaks. */
export function secretsOf(config: Config): string[] {
  const q = config.qiwi;
  const values = [
    config.statusTokenSecret,
    config.adminToken,
    config.dashboard.sessionSecret,
    ...(config.webhook?.secrets ?? []),
    databasePassword(config.databaseUrl),
    config.orderToken.algorithms[0]?.startsWith('HS') ? config.orderToken.key : undefined,
  ];
  values.push(...protocolSecrets(q));
  // The dashboard's session secret is the admin token unless DASHBOARD_SESSION_SECRET is set: list it once.
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

/** What is wrong with a DATABASE_URL, or undefined; never repeats the URL (it may hold a password). */
export function databaseUrlProblem(value: string): string | undefined {
  const example = 'e.g. postgres://qiwipay:PASSWORD@127.0.0.1:5432/qiwipay';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE (${example})`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return `scheme "${url.protocol}" is not supported; DATABASE_URL is for PostgreSQL (${example}); for SQLite set DATABASE_PATH`;
  if (!url.hostname) return `names no host (${example})`;
  if (url.pathname.replace(/^\//, '') === '') return `names no database after the host (${example})`;
  return undefined;
}

function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}
