// The per-request log line is a debug aid: at LOG_LEVEL=info an answered checkout and status read write
// no line at all (the hot path does not format logs), at debug each request writes one line with
// method, path, status and duration, never the token it carried.
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';

interface LogLine {
  msg: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
}

describe('per-request log lines', () => {
  let stack: Stack | undefined;
  afterEach(() => stack?.close());

  async function checkoutAndRead(s: Stack): Promise<string> {
    const token = s.mint({ orderId: 'log-1' });
    const answer = await s.call('POST', '/v1/checkout', { body: { orderToken: token, flow: 'webform' } });
    expect(answer.status).toBe(200);
    const read = await s.call('GET', '/v1/orders/log-1', { token: answer.body.statusToken });
    expect(read.status).toBe(200);
    return token;
  }
  const requestLines = (s: Stack) =>
    s.logs.map((l) => JSON.parse(l) as LogLine).filter((l) => l.msg === 'request');

  it('at info: none for answered requests', async () => {
    stack = await startStack({ protocol: 'pull', env: { LOG_LEVEL: 'info' } });
    const before = stack.logs.length;
    await checkoutAndRead(stack);
    expect(stack.logs.slice(before)).toEqual([]);
  });

  it('at debug: one per request, without the token', async () => {
    stack = await startStack({ protocol: 'pull', env: { LOG_LEVEL: 'debug' } });
    const token = await checkoutAndRead(stack);
    expect(requestLines(stack)).toMatchObject([
      { method: 'POST', path: '/v1/checkout', status: 200, ms: expect.any(Number) },
      { method: 'GET', path: '/v1/orders/log-1', status: 200, ms: expect.any(Number) },
    ]);
    expect(stack.logs.join('\n')).not.toContain(token.split('.')[2]);
  });
});
