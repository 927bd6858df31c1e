import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from './config.js';

const valid = {
  QIWI_PROTOCOL: 'pull',
  QIWI_PRV_ID: '2042',
  QIWI_API_ID: '62573819',
  QIWI_API_PASSWORD: 'qiwi-canary-SECRET-4f9c2e7d1b-api',
  QIWI_NOTIFICATION_PASSWORD: 'qiwi-canary-SECRET-4f9c2e7d1b-notify',
  ORDER_TOKEN_SECRET: 'qiwi-canary-SECRET-4f9c2e7d1b-order-token-secret',
  STATUS_TOKEN_SECRET: 'qiwi-canary-SECRET-4f9c2e7d1b-status-token-secret',
  ADMIN_TOKEN: 'qiwi-canary-SECRET-4f9c2e7d1b-admin-token-000000',
  ALLOWED_ORIGINS: 'https://shop.example, http://127.0.0.1:5173',
};

// Standard Webhooks secrets: whsec_ + base64 of 32 bytes.
const WEBHOOK_SECRET_A = 'whsec_' + Buffer.alloc(32, 'a').toString('base64');
const WEBHOOK_SECRET_B = 'whsec_' + Buffer.alloc(32, 'b').toString('base64');

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads a complete Pull configuration with defaults for everything that is not secret', () => {
    const config = loadConfig(valid);
    expect(config.qiwi).toMatchObject({ protocol: 'pull', prvId: '2042', notificationAuth: 'signature' });
    expect(config.allowedOrigins).toEqual(['https://shop.example', 'http://127.0.0.1:5173']);
    expect(config.returnUrlOrigins).toEqual(config.allowedOrigins);
    expect(config.urls.api).toBe('https://api.qiwi.com');
    expect(config.port).toBe(8787);
  });

  it('derives the Bill Payments secret_key and asks for api_secret instead of the password', () => {
    const { QIWI_API_PASSWORD: _p, QIWI_NOTIFICATION_PASSWORD: _n, ...rest } = valid;
    expect(problems({ ...rest, QIWI_PROTOCOL: 'bill' })).toEqual([
      expect.stringMatching(/^QIWI_API_SECRET: required/),
    ]);
    const config = loadConfig({
      ...rest,
      QIWI_PROTOCOL: 'bill',
      QIWI_PRV_ID: '2042',
      QIWI_API_ID: '56603972',
      QIWI_API_SECRET: 's3cr3tApiKey',
    });
    expect(config.qiwi.protocol === 'bill' && config.qiwi.secretKey).toBe(
      'MjA0Mnw1NjYwMzk3MnxiMzhjYzg1YzM4ZTkxMTI2MTE4OGZhNTg2Y2E3NTM0Nw==',
    );
  });

  it('reports every problem at once, naming the variable and never its value', () => {
    const found = problems({
      QIWI_PRV_ID: 'abc',
      QIWI_API_PASSWORD: 'pw-with-space ',
      ALLOWED_ORIGINS: 'https://shop.example/path',
      PORT: 'eighty',
    });
    const text = found.join('\n');
    for (const name of [
      'QIWI_PRV_ID',
      'QIWI_API_ID',
      'QIWI_API_PASSWORD',
      'STATUS_TOKEN_SECRET',
      'ADMIN_TOKEN',
      'ALLOWED_ORIGINS',
      'PORT',
      'ORDER_TOKEN_SECRET',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/trailing whitespace/);
    expect(text).not.toContain('pw-with-space');
  });

  it('refuses weak or mixed order-token settings', () => {
    expect(problems({ ...valid, ORDER_TOKEN_SECRET: 'short' })).toContain(
      'ORDER_TOKEN_SECRET: must be at least 32 characters for HS256',
    );
    expect(problems({ ...valid, ORDER_TOKEN_ALGORITHMS: 'none' }).join()).toMatch(/"none" is not allowed/);
    expect(
      problems({ ...valid, ORDER_TOKEN_ALGORITHMS: 'HS256,RS256', ORDER_TOKEN_PUBLIC_KEY: 'pem' }).join(),
    ).toMatch(/choose one family/);
    expect(problems({ ...valid, ORDER_TOKEN_ALGORITHMS: 'RS256' }).join()).toMatch(
      /ORDER_TOKEN_PUBLIC_KEY: required/,
    );
  });

  it('treats empty variables as unset: no empty secret ever', () => {
    expect(problems({ ...valid, ADMIN_TOKEN: '' })).toEqual([
      expect.stringMatching(/^ADMIN_TOKEN: required/),
    ]);
  });

  it('lists every secret for redaction, each rotated webhook secret too', () => {
    const secrets = secretsOf(
      loadConfig({
        ...valid,
        WEBHOOK_URL: 'https://shop.example/hook',
        WEBHOOK_SECRET: `${WEBHOOK_SECRET_A}\n  ${WEBHOOK_SECRET_B}`,
      }),
    );
    expect(secrets).toHaveLength(7);
    expect(secrets).toEqual(expect.arrayContaining([WEBHOOK_SECRET_A, WEBHOOK_SECRET_B]));
    for (const s of secrets.filter((x) => !x.startsWith('whsec_')))
      expect(s).toContain('qiwi-canary-SECRET-4f9c2e7d1b');
  });

  it('signs dashboard sessions with DASHBOARD_SESSION_SECRET when set (a secret, redacted), else the admin token', () => {
    expect(loadConfig(valid).dashboard).toMatchObject({
      sessionSecret: valid.ADMIN_TOKEN,
      sessionHours: 8,
      idleMinutes: 60,
      cookieAlwaysSecure: false,
    });
    const own = `${valid.ADMIN_TOKEN}-dashboard-sessions`;
    const config = loadConfig({ ...valid, DASHBOARD_SESSION_SECRET: own, DASHBOARD_IDLE_MINUTES: '15' });
    expect(config.dashboard).toMatchObject({ sessionSecret: own, idleMinutes: 15 });
    expect(secretsOf(config)).toContain(own);
    expect(() => loadConfig({ ...valid, DASHBOARD_SESSION_SECRET: 'short' })).toThrow(
      /DASHBOARD_SESSION_SECRET: must be at least 32 characters/,
    );
  });

  it('takes WEBHOOK_SECRET as whitespace-separated whsec_ secrets', () => {
    const config = loadConfig({
      ...valid,
      WEBHOOK_URL: 'https://shop.example/hook',
      WEBHOOK_SECRET: ` ${WEBHOOK_SECRET_A} ${WEBHOOK_SECRET_B}\n`,
    });
    expect(config.webhook).toEqual({
      urls: ['https://shop.example/hook'],
      secrets: [WEBHOOK_SECRET_A, WEBHOOK_SECRET_B],
    });
  });

  it('refuses a webhook secret without whsec_, with bad base64 or too short, saying how to make one and never printing it', () => {
    const canary = 'qiwi-canary-SECRET-4f9c2e7d1b-webhook';
    const cases: [string, RegExp][] = [
      [canary, /^WEBHOOK_SECRET: must start with "whsec_"/],
      ['whsec_' + canary, /^WEBHOOK_SECRET: the part after "whsec_" must be standard base64/],
      ['whsec_' + Buffer.from('qiwi-canary-16by').toString('base64'), /decodes to 16 bytes; use 24 to 64/],
      [`${WEBHOOK_SECRET_A} whsec_${canary}`, /^WEBHOOK_SECRET: secret 2 of 2 the part after "whsec_"/],
    ];
    for (const [value, expected] of cases) {
      const found = problems({ ...valid, WEBHOOK_URL: 'https://shop.example/hook', WEBHOOK_SECRET: value });
      expect(found).toEqual([expect.stringMatching(expected)]);
      expect(found[0]).toContain(`node -e "console.log('whsec_'+require('crypto').randomBytes(32)`);
      expect(found.join()).not.toContain('canary');
    }
  });

  it('takes a PostgreSQL DATABASE_URL, redacts its password, and says what is wrong with a bad one', () => {
    const password = 'qiwi-canary-SECRET-4f9c2e7d1b-db';
    const config = loadConfig({
      ...valid,
      DATABASE_URL: `postgres://qiwipay:${password}@db.internal:5432/qiwipay`,
      DATABASE_POOL_SIZE: '20',
    });
    expect(config.databaseUrl).toBe(`postgres://qiwipay:${password}@db.internal:5432/qiwipay`);
    expect(config.databasePoolSize).toBe(20);
    expect(secretsOf(config)).toContain(password);
    expect(loadConfig(valid)).toMatchObject({ databaseUrl: undefined, databasePoolSize: 10 });
    const cases: [string, RegExp][] = [
      [
        `mysql://u:${password}@h/db`,
        /^DATABASE_URL: scheme "mysql:" is not supported; DATABASE_URL is for PostgreSQL .*for SQLite set DATABASE_PATH$/,
      ],
      [`postgres://u:${password}@h:5432`, /^DATABASE_URL: names no database after the host/],
      [`${password}`, /^DATABASE_URL: is not a URL; write postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/],
    ];
    for (const [value, message] of cases) {
      const found = problems({ ...valid, DATABASE_URL: value });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
      expect(found[0]).not.toContain(password);
    }
    expect(problems({ ...valid, DATABASE_POOL_SIZE: '0' })[0]).toMatch(/^DATABASE_POOL_SIZE: /);
  });

  it('reads several webhook endpoints and the delivery settings, refusing values out of range', () => {
    const config = loadConfig({
      ...valid,
      WEBHOOK_URL: 'https://shop.example/hook, https://erp.example/qiwi http://127.0.0.1:9000/h',
      WEBHOOK_SECRET: WEBHOOK_SECRET_A,
      WEBHOOK_TIMEOUT_MS: '2500',
      WEBHOOK_CONCURRENCY: '2',
      WEBHOOK_MAX_ATTEMPTS: '5',
      WEBHOOK_RETRY_BASE_SECONDS: '30',
      WEBHOOK_RETRY_CAP_SECONDS: '600',
      WEBHOOK_LEASE_SECONDS: '90',
      RECONCILE_STALE_SECONDS: '300',
    });
    expect(config.webhook?.urls).toEqual([
      'https://shop.example/hook',
      'https://erp.example/qiwi',
      'http://127.0.0.1:9000/h',
    ]);
    expect(config.webhookDelivery).toEqual({
      timeoutMs: 2500,
      concurrencyPerEndpoint: 2,
      maxAttempts: 5,
      retryBaseMs: 30_000,
      retryCapMs: 600_000,
      leaseMs: 90_000,
    });
    expect(config.reconcileStaleSeconds).toBe(300);
    expect(loadConfig(valid).webhookDelivery).toEqual({
      timeoutMs: 10_000,
      concurrencyPerEndpoint: 4,
      maxAttempts: 12,
      retryBaseMs: 10_000,
      retryCapMs: 3_600_000,
      leaseMs: undefined,
    });
    expect(loadConfig(valid).reconcileStaleSeconds).toBe(60);
    const found = problems({
      ...valid,
      WEBHOOK_URL: 'https://shop.example/hook ftp://files.example/x',
      WEBHOOK_SECRET: WEBHOOK_SECRET_A,
      WEBHOOK_TIMEOUT_MS: '5',
      WEBHOOK_CONCURRENCY: '0',
      WEBHOOK_MAX_ATTEMPTS: 'many',
      WEBHOOK_RETRY_BASE_SECONDS: '100',
      WEBHOOK_RETRY_CAP_SECONDS: '10',
      RECONCILE_STALE_SECONDS: '0',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'RECONCILE_STALE_SECONDS',
      'WEBHOOK_CONCURRENCY',
      'WEBHOOK_MAX_ATTEMPTS',
      'WEBHOOK_RETRY_CAP_SECONDS',
      'WEBHOOK_TIMEOUT_MS',
      'WEBHOOK_URL.1',
    ]);
    expect(found.find((p) => p.startsWith('WEBHOOK_URL'))).toMatch(
      /each endpoint must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});

describe('traffic settings', () => {
  it('defaults: no proxy trusted, limits sized for shoppers, no source allowlist, bounded rejects', () => {
    expect(loadConfig(valid).traffic).toEqual({
      trustProxy: false,
      checkoutPerMinute: 30,
      statusPerMinute: 120,
      notificationRejectsPerMinute: 30,
      notificationSources: undefined,
      rejectedRetention: { keep: 10_000, maxAgeSeconds: 604_800 },
    });
  });

  it('reads TRUST_PROXY as a hop count or addresses and subnets, and refuses anything else by name', () => {
    expect(loadConfig({ ...valid, TRUST_PROXY: '2' }).traffic.trustProxy).toBe(2);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).traffic.trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(problems({ ...valid, TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: "true" would trust any X-Forwarded-For/),
    ]);
    expect(problems({ ...valid, TRUST_PROXY: '10.0.0.0/33' })).toEqual([
      'TRUST_PROXY: "10.0.0.0/33" has prefix /33; an ipv4 prefix is 0 to 32',
    ]);
    expect(problems({ ...valid, TRUST_PROXY: 'proxy.local' })[0]).toMatch(
      /^TRUST_PROXY: "proxy.local" is not an IP address or subnet/,
    );
  });

  it('expands NOTIFICATION_SOURCE_NETWORKS=qiwi to the ranges of pull-rest-api-2.1.md §9.2', () => {
    expect(
      loadConfig({ ...valid, NOTIFICATION_SOURCE_NETWORKS: 'qiwi, 10.1.0.0/16' }).traffic.notificationSources,
    ).toEqual(['91.232.230.0/23', '79.142.16.0/20', '10.1.0.0/16']);
    expect(problems({ ...valid, NOTIFICATION_SOURCE_NETWORKS: 'qiwi.com' })[0]).toMatch(
      /NOTIFICATION_SOURCE_NETWORKS/,
    );
  });

  it('keeps RATE_LIMIT_PER_MINUTE as the default of both widget limits', () => {
    expect(loadConfig({ ...valid, RATE_LIMIT_PER_MINUTE: '500' }).traffic).toMatchObject({
      checkoutPerMinute: 500,
      statusPerMinute: 500,
    });
    expect(problems({ ...valid, REJECTED_NOTIFICATIONS_KEEP: '0' })).toEqual([
      'REJECTED_NOTIFICATIONS_KEEP: must be a whole number of at least 1 (the default is 10000)',
    ]);
  });
});
