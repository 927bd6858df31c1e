// Moscow time is UTC+03:00 with no DST after 2014-10-26 (pull-rest-api-2.1.md §4.5), so a fixed
// offset is exact for every date the emulator can meet.
export const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const REST_LIFETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})Z)?$/;
const FORM_LIFETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})$/;

function wallClockToEpoch(parts: number[]): number | null {
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a round trip catches that.
  const check = new Date(utc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return utc - MOSCOW_OFFSET_MS;
}

/**
 * REST `lifetime`: `YYYY-MM-DDThh:mm:ss`, Moscow wall time (pull-rest-api-2.1.md §4.5). Also accepts
 * `…:ss.sssZ` read as Moscow wall time, because the official Node SDK sends that (§12, §5.1 row 16).
 */
export function parseRestLifetime(raw: string | undefined): number | null {
  if (!raw) return null;
  const match = REST_LIFETIME.exec(raw);
  if (!match) return null;
  const epoch = wallClockToEpoch(match.slice(1, 7).map(Number));
  if (epoch === null) return null;
  return epoch + Number((match[7] ?? '0').padEnd(3, '0'));
}

/** Web-form `lifetime`: `YYYY-MM-DDThhmm`, Moscow time (pull-rest-api-2.1.md §7.3, bill §6.2). */
export function parseFormLifetime(raw: string | undefined): number | null {
  if (!raw) return null;
  const match = FORM_LIFETIME.exec(raw);
  if (!match) return null;
  return wallClockToEpoch([...match.slice(1, 6).map(Number), 0]);
}

function moscowParts(epochMs: number): string[] {
  const iso = new Date(epochMs + MOSCOW_OFFSET_MS).toISOString();
  return [iso.slice(0, 10), iso.slice(11, 13), iso.slice(14, 16), iso.slice(17, 19)];
}

/** `YYYY-MM-DDThh:mm:ss` in Moscow time (REST lifetime, notification dates). */
export function formatMoscow(epochMs: number): string {
  const [date, hh, mm, ss] = moscowParts(epochMs);
  return `${date}T${hh}:${mm}:${ss}`;
}

/** `YYYY-MM-DDThhmm` in Moscow time (web-form lifetime). */
export function formatFormLifetime(epochMs: number): string {
  const [date, hh, mm] = moscowParts(epochMs);
  return `${date}T${hh}${mm}`;
}
