// The one way the server talks to QIWI's REST API: one HTTP request with a timeout on every attempt, the
// body read and decided on for every HTTP status, and capped jittered retries for idempotent requests
// only. The request goes through undici's request() on its keep-alive agent, not the global fetch: on
// the checkout flow the WHATWG Response and stream layers of fetch were ≈ 12 % of the server's CPU
// (pnpm bench, BENCH_PROFILE_DIR), for nothing this client uses.

import { request as httpRequest } from 'undici';
import { QiwiApiError, QiwiTransportError, type QiwiError } from '../errors.js';
import { describeResultCode, isTransientResultCode } from '../result-codes.js';
import { readEnvelope, type Envelope } from './envelope.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, shouldRetry, type RetryPolicy } from './retry-policy.js';

export interface TransportOptions {
  /** Origin of the REST API, e.g. https://api.qiwi.com (or the sandbox). */
  readonly baseUrl: string;
  readonly authorization: string;
  /** Answer format to ask for (§4.3). */
  readonly format?: 'json' | 'xml';
  /** Per attempt. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about every attempt, for logs and metrics; never sees credentials. */
  readonly onAttempt?: (event: AttemptEvent) => void;
}

export interface AttemptEvent {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly outcome: 'ok' | 'result_code' | 'timeout' | 'network' | 'unreadable_response';
  readonly httpStatus?: number;
  readonly resultCode?: number;
  readonly durationMs: number;
}

export interface RestRequest {
  readonly method: 'GET' | 'PUT' | 'PATCH' | 'POST';
  readonly path: string;
  readonly form?: string;
  /** Only idempotent requests are ever sent twice. */
  readonly idempotent: boolean;
}

export type Transport = (request: RestRequest) => Promise<Envelope>;

const ACCEPT = { json: 'application/json', xml: 'text/xml' } as const;

export function createTransport(options: TransportOptions): Transport {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function attemptOnce(request: RestRequest, attempt: number): Promise<Envelope> {
    const started = performance.now();
    const report = (outcome: AttemptEvent['outcome'], extra: Partial<AttemptEvent> = {}) =>
      options.onAttempt?.({
        method: request.method,
        path: request.path,
        attempt,
        outcome,
        durationMs: Math.round(performance.now() - started),
        ...extra,
      });
    let httpStatus: number;
    let text: string;
    try {
      const response = await httpRequest(base + request.path, {
        method: request.method,
        headers: {
          // fetch sent one; some gateways in front of APIs refuse a request without it.
          'user-agent': 'qiwi-pay',
          authorization: options.authorization,
          accept: ACCEPT[options.format ?? 'json'],
          ...(request.form === undefined
            ? {}
            : { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
        },
        ...(request.form === undefined ? {} : { body: request.form }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      httpStatus = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      report(timedOut ? 'timeout' : 'network');
      throw timedOut
        ? new QiwiTransportError(
            'timeout',
            `QIWI did not answer ${request.method} ${request.path} within ${timeoutMs} ms`,
            { cause: error },
          )
        : new QiwiTransportError(
            'network',
            `could not reach QIWI for ${request.method} ${request.path}: ${(error as Error).message}`,
            { cause: error },
          );
    }
    if (httpStatus >= 300 && httpStatus < 400) {
      // Redirects are never followed: the Authorization header must go to QIWI's API and nowhere else.
      report('network', { httpStatus });
      throw new QiwiTransportError(
        'network',
        `QIWI answered ${request.method} ${request.path} with a redirect (HTTP ${httpStatus}), which is not followed; check QIWI_API_URL`,
      );
    }
    const envelope = readEnvelope(text);
    if (!envelope) {
      report('unreadable_response', { httpStatus });
      // §4.6: a body that cannot be parsed is transport error 300, retryable.
      throw new QiwiTransportError(
        'unreadable_response',
        `QIWI answered ${request.method} ${request.path} with HTTP ${httpStatus} and a body that is not a QIWI response`,
      );
    }
    if (envelope.resultCode !== 0) {
      report('result_code', { httpStatus, resultCode: envelope.resultCode });
      const info = describeResultCode(envelope.resultCode);
      throw new QiwiApiError({
        resultCode: envelope.resultCode,
        httpStatus,
        retryable: info.retryable,
        description: envelope.description,
        meaning: info.meaning,
      });
    }
    report('ok', { httpStatus, resultCode: 0 });
    return envelope;
  }

  return async function send(request: RestRequest): Promise<Envelope> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(request, attempt);
      } catch (error) {
        const transient =
          error instanceof QiwiTransportError ||
          (error instanceof QiwiApiError && isTransientResultCode(error.resultCode));
        if (!shouldRetry({ attempt, policy, idempotent: request.idempotent, retryable: transient }))
          throw error as QiwiError;
        await sleep(retryDelayMs(attempt, policy, random));
      }
    }
  };
}
