import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { runCli, UsageError } from '../src/cli/commands.js';
import { billBody, pull, PULL_OK, startReceiver, startSandbox } from './helpers.js';

// The CLI against a running sandbox, and the https listener with its start-up certificate.

function cli(argv: string[]): Promise<{ lines: string[]; stop?: () => Promise<void> }> {
  const lines: string[] = [];
  let stop: (() => Promise<void>) | undefined;
  return runCli(argv, {
    out: (text) => lines.push(text),
    env: {},
    onStop: (handler) => (stop = handler),
  }).then(() => ({ lines, stop }));
}

const json = (lines: string[]): Record<string, unknown> =>
  JSON.parse(lines.join('\n')) as Record<string, unknown>;

describe('qiwi-sandbox CLI', () => {
  it('start prints the URL; trigger, bills, deliveries, resend, advance, faults and reset drive the control API', async () => {
    const receiver = await startReceiver([PULL_OK]);
    const started = await cli([
      'start',
      '--port',
      '0',
      '--quiet',
      '--notify-url',
      receiver.url,
      '--time-factor',
      '0.001',
    ]);
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started.lines[0] ?? '')?.[1];
      expect(url).toBeDefined();
      const h = { url: url ?? '' } as Parameters<typeof pull>[0];
      await pull(h, 'cli-1', 'PUT', billBody());
      const bills = json((await cli(['bills', '--url', url ?? ''])).lines) as {
        bills: Array<{ billId: string }>;
      };
      expect(bills.bills.map((b) => b.billId)).toEqual(['cli-1']);
      const triggered = json((await cli(['trigger', 'cli-1', 'paid', '--url', url ?? ''])).lines) as {
        bill: { status: string };
      };
      expect(triggered.bill.status).toBe('paid');
      await receiver.waitFor(1);
      const listed = json((await cli(['deliveries', '--url', url ?? ''])).lines) as {
        deliveries: Array<{ id: string }>;
      };
      const id = listed.deliveries[0]?.id ?? '';
      const resent = json((await cli(['resend', id, '--url', url ?? ''])).lines) as {
        attempt: { outcome: string };
      };
      expect(resent.attempt.outcome).toBe('success');
      const advanced = json((await cli(['advance', '1d12h', '--url', url ?? ''])).lines) as {
        advancedMs: number;
      };
      expect(advanced.advancedMs).toBe(36 * 3_600_000);
      await cli([
        'faults',
        'add',
        '--kind',
        'result_code',
        '--code',
        '13',
        '--times',
        '1',
        '--url',
        url ?? '',
      ]);
      expect(
        (json((await cli(['faults', '--url', url ?? ''])).lines) as { faults: unknown[] }).faults,
      ).toHaveLength(1);
      expect((await pull(h, 'cli-1', 'GET')).json.response.result_code).toBe(13);
      await cli(['reset', '--url', url ?? '']);
      expect((json((await cli(['bills', '--url', url ?? ''])).lines) as { bills: unknown[] }).bills).toEqual(
        [],
      );
      await expect(cli(['advance', 'soon', '--url', url ?? ''])).rejects.toBeInstanceOf(UsageError);
      await expect(cli(['bill', 'missing', '--url', url ?? ''])).rejects.toThrow(/No bill "missing"/);
    } finally {
      await started.stop?.();
    }
    await expect(cli(['health', '--url', 'http://127.0.0.1:9'])).rejects.toThrow(/cannot reach the sandbox/);
    expect((await cli(['--help'])).lines[0]).toMatch(/^Usage: qiwi-sandbox/);
  });

  it('serves the same origin over https with a self-signed certificate made at start-up', async () => {
    const h = await startSandbox({}, true);
    expect(h.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await pull(h, 'tls-1', 'PUT', billBody());
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${h.httpsUrl}/form?shop=21379721&transaction=tls-1`, { rejectUnauthorized: false }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    expect(body).toContain('Pay bill tls-1');
    // Without trusting the certificate a client refuses it: it really is self-signed.
    await expect(fetch(`${h.httpsUrl}/__sandbox/health`)).rejects.toThrow();
  });
});
