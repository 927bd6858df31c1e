// Structured logs (house style 13). Secrets never reach a log line: pino redacts known places, and
// every configured secret value is masked wherever it appears as a string.

import { pino, type Logger } from 'pino';

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-signature"]',
  'req.headers["x-api-signature-sha256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiPassword',
  '*.apiSecret',
  '*.secretKey',
  '*.notificationPassword',
  '*.orderToken',
  '*.statusToken',
  '*.token',
  '*.body',
  '*.rawBody',
];

export interface LoggerOptions {
  readonly level: string;
  /** Values that must never be printed, masked wherever they occur. */
  readonly secrets: readonly string[];
  /** Where lines go; defaults to stdout. Tests pass a collector to scan every line. */
  readonly destination?: { write(line: string): void };
}

function masker(secrets: readonly string[]) {
  const values = secrets.filter((s) => s.length >= 4);
  // includes() first: a line almost never holds a secret, and split/join copies the line each time.
  return (line: string): string => {
    let out = line;
    for (const secret of values) if (out.includes(secret)) out = out.split(secret).join('[secret]');
    return out;
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const mask = masker(options.secrets);
  const target = options.destination ?? process.stdout;
  return pino(
    { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined },
    { write: (line: string) => void target.write(mask(line)) },
  );
}
