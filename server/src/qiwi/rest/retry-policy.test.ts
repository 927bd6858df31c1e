import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs, shouldRetry } from './retry-policy.js';

describe('retry policy', () => {
  it('grows exponentially, stays within [ceiling/2, ceiling], and is capped', () => {
    for (const attempt of [1, 2, 3, 4, 10]) {
      const ceiling = Math.min(
        DEFAULT_RETRY_POLICY.maxDelayMs,
        DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1),
      );
      expect(retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => 1)).toBe(ceiling);
    }
    expect(retryDelayMs(30, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('never repeats a request that is not idempotent, nor beyond the attempt limit', () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(shouldRetry({ attempt: 1, policy, idempotent: false, retryable: true })).toBe(false);
    expect(shouldRetry({ attempt: 1, policy, idempotent: true, retryable: false })).toBe(false);
    expect(shouldRetry({ attempt: 1, policy, idempotent: true, retryable: true })).toBe(true);
    expect(shouldRetry({ attempt: policy.maxAttempts, policy, idempotent: true, retryable: true })).toBe(
      false,
    );
  });
});
