import { describe, expect, it } from 'vitest';
import { actorName, createSessionCodec } from './session-token.js';

const HOUR = 3_600_000;
const SECRET = 'dashboard-session-secret-for-tests-only-000';

function codecAt(clock: { now: number }, secret = SECRET) {
  return createSessionCodec({ secret, absoluteMs: 8 * HOUR, idleMs: HOUR, now: () => new Date(clock.now) });
}

describe('dashboard session cookie', () => {
  it('reads back what it signed, and nothing changed on the way', () => {
    const clock = { now: Date.parse('2026-12-01T06:00:00Z') };
    const codec = codecAt(clock);
    const session = codec.issue('Anna');
    const cookie = codec.encode(session);
    expect(codec.read(cookie)).toEqual(session);
    const [body, mac] = cookie.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...session, name: 'Mallory' })).toString('base64url');
    expect(codec.read(`${forged}.${mac}`)).toBeUndefined();
    expect(codec.read(`${body}.${mac.slice(1)}x`)).toBeUndefined();
    expect(codec.read(`${body}`)).toBeUndefined();
    expect(codec.read(undefined)).toBeUndefined();
    // Another server's secret (or a rotated one) does not accept it.
    expect(codecAt(clock, `${SECRET}-rotated`).read(cookie)).toBeUndefined();
  });

  it('expires after the idle window unless touched, and after the absolute lifetime regardless', () => {
    const clock = { now: Date.parse('2026-12-01T06:00:00Z') };
    const codec = codecAt(clock);
    let session = codec.issue('Anna');
    clock.now += HOUR + 1;
    expect(codec.read(codec.encode(session))).toBeUndefined();

    clock.now = Date.parse('2026-12-01T06:00:00Z');
    session = codec.issue('Anna');
    for (let i = 0; i < 9; i++) {
      clock.now += 50 * 60_000;
      session = codec.touched(codec.read(codec.encode(session))!) ?? session;
    }
    expect(codec.read(codec.encode(session))).toBeDefined();
    clock.now += 50 * 60_000;
    // 8 h 20 min after sign-in: past the absolute lifetime although it was used ten minutes ago.
    expect(codec.read(codec.encode(session))).toBeUndefined();
  });

  it('binds the CSRF token to the session and compares it exactly', () => {
    const codec = codecAt({ now: Date.now() });
    const one = codec.issue('Anna');
    const two = codec.issue('Anna');
    expect(codec.csrfToken(one)).not.toBe(codec.csrfToken(two));
    expect(codec.csrfMatches(one, codec.csrfToken(one))).toBe(true);
    expect(codec.csrfMatches(one, codec.csrfToken(two))).toBe(false);
    expect(codec.csrfMatches(one, undefined)).toBe(false);
    expect(codec.csrfMatches(one, '')).toBe(false);
  });

  it("takes a person's name for the actor, and refuses what could forge a log or history field", () => {
    expect(actorName('  Анна   Петрова ')).toBe('Анна Петрова');
    expect(actorName("o'brien@shop.example")).toBe("o'brien@shop.example");
    expect(actorName('')).toBeUndefined();
    expect(actorName('a'.repeat(61))).toBeUndefined();
    expect(actorName('eve\nactor=api')).toBeUndefined();
    expect(actorName('<script>')).toBeUndefined();
    expect(actorName(42)).toBeUndefined();
  });
});
