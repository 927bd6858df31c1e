import { parseArgs } from 'node:util';
import { parseDuration } from '../core/duration.js';
import { createSandbox } from '../sandbox.js';
import { controlRequest, type ControlTarget } from './control-client.js';

// qiwi-sandbox start|bills|bill|trigger|deliveries|resend|deliver-now|advance|emails|faults|reset|health

export const USAGE = `Usage: qiwi-sandbox <command> [options]

  start        Run the sandbox
                 --port <n>            http port (default 8910; 0 = any free port)
                 --host <addr>         bind address (default 127.0.0.1)
                 --https               also serve https with a fresh self-signed certificate
                 --https-port <n>      https port (default 8911, or any free one with --port 0)
                 --config <file>       JSON config file (merchant accounts, wallets, notifications)
                 --notify-url <url>    notification URL of the built-in demo accounts
                 --time-factor <x>     scale retry schedules and timeouts (0.001: 1 min = 60 ms)
                 --status-profile <p>  documented (default) or strict
                 --control-token <t>   require "Authorization: Bearer <t>" on the control API and the
                                       bills page (default $QIWI_SANDBOX_CONTROL_TOKEN; without one
                                       they answer loopback clients only)
                 --quiet               no per-request log lines
  merchants    List merchant accounts (no secrets)
  merchant add --protocol pull|bill [--notify-url URL] [--name NAME] [--site-origin ORIGIN]
               A new account for another merchant server: prints its ids, secrets (once) and the
               server's QIWI_* environment
  bills        List bills                 [--status s] [--protocol pull|bill]
  bill <id>    Show one bill
  trigger <billId> <status>               paid|unpaid|rejected|expired|in_progress [--force] [--method qw|card]
  deliveries   List notification deliveries [--bill <billId>]
  resend <deliveryId>                     Send a delivery again now
  deliver-now  Run every pending retry now
  advance <duration>                      Move the clock: 90s, 15m, 2h, 45d, 1d12h
  emails       "E-mails" QIWI sent after giving up on a notification
  faults [list|add|clear|delete <id>]     add: --target rest|notification --kind <k> [--code n] [--times n]
                                               [--match s] [--method PUT] [--delay-ms n]
  reset        Forget all bills, deliveries, e-mails and faults
  health       Is the sandbox up?

  Commands other than start talk to --url (default $QIWI_SANDBOX_URL or http://127.0.0.1:8910) and send
  --control-token (default $QIWI_SANDBOX_CONTROL_TOKEN) when one is set.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  https: { type: 'boolean' },
  'https-port': { type: 'string' },
  config: { type: 'string' },
  'notify-url': { type: 'string' },
  'time-factor': { type: 'string' },
  'status-profile': { type: 'string' },
  quiet: { type: 'boolean' },
  'control-token': { type: 'string' },
  url: { type: 'string' },
  status: { type: 'string' },
  protocol: { type: 'string' },
  bill: { type: 'string' },
  force: { type: 'boolean' },
  method: { type: 'string' },
  target: { type: 'string' },
  kind: { type: 'string' },
  code: { type: 'string' },
  times: { type: 'string' },
  match: { type: 'string' },
  'delay-ms': { type: 'string' },
  name: { type: 'string' },
  'site-origin': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export class UsageError extends Error {}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

export interface CliIo {
  out(text: string): void;
  env: NodeJS.ProcessEnv;
  onStop(handler: () => Promise<void>): void;
}

export async function runCli(argv: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return;
  }
  const controlToken = values['control-token'] ?? io.env.QIWI_SANDBOX_CONTROL_TOKEN;
  const base: ControlTarget = {
    baseUrl: values.url ?? io.env.QIWI_SANDBOX_URL ?? 'http://127.0.0.1:8910',
    token: controlToken || undefined,
  };
  const print = (value: unknown): void => io.out(JSON.stringify(value, null, 2));
  const need = (index: number, what: string): string => {
    const value = rest[index];
    if (!value) throw new UsageError(`${command} needs ${what}`);
    return value;
  };
  switch (command) {
    case 'start': {
      const factorText = values['time-factor'] ?? io.env.QIWI_SANDBOX_TIME_FACTOR;
      const timeFactor = factorText === undefined ? undefined : Number(factorText);
      if (timeFactor !== undefined && !(timeFactor > 0))
        throw new UsageError('--time-factor must be a positive number');
      const profile = values['status-profile'];
      if (profile !== undefined && profile !== 'documented' && profile !== 'strict') {
        throw new UsageError('--status-profile must be "documented" or "strict"');
      }
      const sandbox = createSandbox({
        configFile: values.config ?? io.env.QIWI_SANDBOX_CONFIG,
        notifyUrl: values['notify-url'] ?? io.env.QIWI_SANDBOX_NOTIFY_URL,
        timeFactor,
        httpStatusProfile: profile,
        controlToken: controlToken || undefined,
        log: values.quiet ? undefined : (line) => io.out(`[sandbox] ${line}`),
      });
      const port = int(values.port ?? io.env.QIWI_SANDBOX_PORT, 'port') ?? 8910;
      const running = await sandbox.start({
        port,
        host: values.host ?? '127.0.0.1',
        https: values.https === true,
        httpsPort: int(values['https-port'], 'https-port') ?? (port === 0 ? 0 : 8911),
      });
      io.out(`QIWI sandbox listening on ${running.url}`);
      if (running.httpsUrl) io.out(`QIWI sandbox (https, self-signed) on ${running.httpsUrl}`);
      io.out(`Control API: ${running.url}/__sandbox/health`);
      io.onStop(() => sandbox.close());
      return;
    }
    case 'merchants':
      return print(await controlRequest(base, '/merchants'));
    case 'merchant': {
      if (rest[0] !== 'add') throw new UsageError('merchant takes "add"; list accounts with "merchants"');
      if (values.protocol !== 'pull' && values.protocol !== 'bill')
        throw new UsageError('merchant add needs --protocol pull or --protocol bill');
      return print(
        await controlRequest(base, '/merchants', 'POST', {
          protocol: values.protocol,
          notifyUrl: values['notify-url'],
          projectName: values.name,
          siteOrigins: values['site-origin'],
        }),
      );
    }
    case 'bills': {
      const query = new URLSearchParams();
      if (values.status) query.set('status', values.status);
      if (values.protocol) query.set('protocol', values.protocol);
      return print(await controlRequest(base, `/bills${query.size ? `?${query}` : ''}`));
    }
    case 'bill':
      return print(await controlRequest(base, `/bills/${encodeURIComponent(need(0, 'a bill id'))}`));
    case 'trigger': {
      const billId = need(0, 'a bill id');
      const status = need(1, 'a status (paid, unpaid, rejected, expired, in_progress)');
      return print(
        await controlRequest(base, `/bills/${encodeURIComponent(billId)}/transition`, 'POST', {
          status,
          force: values.force === true,
          method: values.method,
        }),
      );
    }
    case 'deliveries': {
      const query = values.bill ? `?billId=${encodeURIComponent(values.bill)}` : '';
      return print(await controlRequest(base, `/deliveries${query}`));
    }
    case 'resend':
      return print(
        await controlRequest(
          base,
          `/deliveries/${encodeURIComponent(need(0, 'a delivery id'))}/resend`,
          'POST',
        ),
      );
    case 'deliver-now':
      return print(await controlRequest(base, '/deliveries/deliver-now', 'POST'));
    case 'advance': {
      const text = need(0, 'a duration such as 15m, 2h or 45d');
      const ms = parseDuration(text);
      if (ms === null)
        throw new UsageError(`"${text}" is not a duration; use forms like 90s, 15m, 2h, 45d, 1d12h`);
      return print(await controlRequest(base, '/clock/advance', 'POST', { ms }));
    }
    case 'emails':
      return print(await controlRequest(base, '/emails'));
    case 'faults': {
      const action = rest[0] ?? 'list';
      if (action === 'list') return print(await controlRequest(base, '/faults'));
      if (action === 'clear') return print(await controlRequest(base, '/faults', 'DELETE'));
      if (action === 'delete')
        return print(
          await controlRequest(base, `/faults/${encodeURIComponent(need(1, 'a fault id'))}`, 'DELETE'),
        );
      if (action !== 'add') throw new UsageError('faults takes list, add, clear or delete <id>');
      return print(
        await controlRequest(base, '/faults', 'POST', {
          target: values.target ?? 'rest',
          kind: values.kind,
          code: int(values.code, 'code'),
          times: int(values.times, 'times'),
          match: values.match,
          method: values.method,
          delayMs: int(values['delay-ms'], 'delay-ms'),
        }),
      );
    }
    case 'reset':
      return print(await controlRequest(base, '/reset', 'POST'));
    case 'health':
      return print(await controlRequest(base, '/health'));
    default:
      throw new UsageError(`unknown command "${command}"; run qiwi-sandbox --help`);
  }
}
