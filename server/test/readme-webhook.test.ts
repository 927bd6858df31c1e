// The webhook example in README.md is a real delivery: its headers verify its body with the secret the
// README names, using the standardwebhooks package, and each documented event type is one we send.
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { WebhookType } from '../src/ledger/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README webhook example', () => {
  it('verifies with the documented secret', () => {
    const http = /```http\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const [head, body] = http.split('\n\n') as [string, string];
    const headers = Object.fromEntries(
      head
        .split('\n')
        .slice(1)
        .map((line) => line.split(': ', 2).map((x) => x.trim()) as [string, string])
        .map(([k, v]) => [k.toLowerCase(), v]),
    );
    const secret = /secret `(whsec_[A-Za-z0-9+/=]+)`/.exec(readme)?.[1] as string;
    const timestamp = Number(headers['webhook-timestamp']);
    const verified = new Webhook(secret).sign(
      String(headers['webhook-id']),
      new Date(timestamp * 1000),
      body.trim(),
    );
    expect(headers['webhook-signature']).toBe(verified);
    expect(JSON.parse(body)).toMatchObject({ type: 'order.paid', data: { orderId: 'order-1001' } });
  });

  it('documents every event type with an example payload', () => {
    const types: WebhookType[] = [
      'order.paid',
      'order.rejected',
      'order.unpaid',
      'order.expired',
      'refund.updated',
      'order.conflict',
    ];
    for (const type of types) {
      const example = new RegExp('`' + type.replace('.', '\\.') + '`:\\n\\n```json\\n([\\s\\S]*?)```').exec(
        readme,
      );
      expect(JSON.parse(example?.[1] ?? 'null')).toMatchObject({
        type,
        data: { orderId: expect.any(String) },
      });
    }
  });
});
