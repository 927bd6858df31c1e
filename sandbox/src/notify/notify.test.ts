import { describe, expect, it } from 'vitest';
import { judgeBillAnswer, judgePullAnswer } from './judge-answer.js';
import { BILL_SCHEDULE, nextDelay, PULL_SCHEDULE } from './retry-schedule.js';

const MIN = 60_000;

describe('retry schedules (pull §9.5, bill §9.4)', () => {
  it('Pull: 50 attempts, 1/5/15/30/60-minute steps, 17.5 h in total', () => {
    expect(PULL_SCHEDULE).toHaveLength(50);
    expect(PULL_SCHEDULE[0]).toBe(0);
    expect(PULL_SCHEDULE.slice(1, 11).every((d) => d === MIN)).toBe(true);
    expect(PULL_SCHEDULE.slice(11, 21).every((d) => d === 5 * MIN)).toBe(true);
    expect(PULL_SCHEDULE.slice(41).every((d) => d === 60 * MIN)).toBe(true);
    expect(PULL_SCHEDULE.reduce((a, b) => a + b, 0)).toBe(17.5 * 60 * MIN);
  });
  it('Bill: 36 × 15 min then 15 × 60 min, ending 24 h after the first attempt', () => {
    expect(BILL_SCHEDULE).toHaveLength(52);
    expect(BILL_SCHEDULE.reduce((a, b) => a + b, 0)).toBe(24 * 60 * MIN);
  });
  it('stops at the end of the schedule and never beyond 24 hours', () => {
    expect(nextDelay(PULL_SCHEDULE, 50)).toBeNull();
    expect(nextDelay(BILL_SCHEDULE, 51)).toBe(60 * MIN);
    expect(nextDelay([0, 23 * 60 * MIN, 2 * 60 * MIN], 2)).toBeNull();
  });
});

describe('answer judging', () => {
  const ok = '<?xml version="1.0"?>\n<result><result_code>0</result_code></result>';
  it('Pull: 200 + text/xml + result_code 0 only (pull §9.4)', () => {
    expect(
      judgePullAnswer({ status: 200, headers: { 'content-type': 'text/xml' }, body: ok }, true).success,
    ).toBe(true);
    expect(judgePullAnswer({ status: 200, headers: {}, body: ok }, true).success).toBe(false);
    expect(judgePullAnswer({ status: 200, headers: {}, body: ok }, false).success).toBe(true);
    expect(
      judgePullAnswer(
        {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: '<result><result_code>x</result_code></result>',
        },
        true,
      ).success,
    ).toBe(false);
    expect(
      judgePullAnswer(
        {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: '<other><result_code>0</result_code></other>',
        },
        true,
      ).success,
    ).toBe(false);
  });
  it('Bill: 200 + JSON error 0 or "0" (bill §9.3)', () => {
    expect(judgeBillAnswer({ status: 200, headers: {}, body: '{"error":0}' }).success).toBe(true);
    expect(judgeBillAnswer({ status: 200, headers: {}, body: '{"error":"0"}' }).success).toBe(true);
    expect(judgeBillAnswer({ status: 200, headers: {}, body: '{"error":"00"}' }).success).toBe(false);
    expect(judgeBillAnswer({ status: 200, headers: {}, body: '{}' }).success).toBe(false);
    expect(judgeBillAnswer({ status: 201, headers: {}, body: '{"error":0}' }).success).toBe(false);
  });
});
