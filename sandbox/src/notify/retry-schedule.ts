// Delays before each delivery attempt, in virtual milliseconds; entry 0 is the first attempt.
const MINUTE = 60_000;

const repeat = (times: number, minutes: number): number[] =>
  Array.from({ length: times }, () => minutes * MINUTE);

/**
 * pull-rest-api-2.1.md §9.5 emulator default: attempt 1 immediately; 2–11 every 1 min; 12–21 every 5;
 * 22–31 every 15; 32–41 every 30; 42–50 every 60 — 50 attempts over 17.5 h.
 */
export const PULL_SCHEDULE: readonly number[] = [
  0,
  ...repeat(10, 1),
  ...repeat(10, 5),
  ...repeat(10, 15),
  ...repeat(10, 30),
  ...repeat(9, 60),
];

/**
 * bill-payments-rest-api-1.0.0.md §9.4 ([L], the only concrete schedule): first attempt immediately, then
 * 36 every 15 min and 15 every 60 min — the last one 24 h after the first.
 */
export const BILL_SCHEDULE: readonly number[] = [0, ...repeat(36, 15), ...repeat(15, 60)];

/** Both specs stop after 24 hours (pull §9.5, bill §9.4). */
export const GIVE_UP_AFTER_MS = 24 * 60 * MINUTE;

export function scheduleFromMinutes(
  minutes: readonly number[] | undefined,
  fallback: readonly number[],
): number[] {
  return minutes && minutes.length > 0 ? minutes.map((m) => m * MINUTE) : [...fallback];
}

/**
 * Delay before attempt `index` (0-based), or null when the schedule is over or the attempt would fall more
 * than 24 hours after the first one (measured on the schedule itself, so slow answers do not cut it short).
 */
export function nextDelay(schedule: readonly number[], index: number): number | null {
  const delay = schedule[index];
  if (delay === undefined) return null;
  const offset = schedule.slice(1, index + 1).reduce((sum, d) => sum + d, 0);
  return offset > GIVE_UP_AFTER_MS ? null : delay;
}
