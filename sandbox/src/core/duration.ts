// Durations for the control API and the CLI: "90s", "15m", "2h", "45d", "1d12h", "250ms", or a number of ms.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] ?? 'ms'] ?? 1), 0);
}

/** `{ms}`, `{seconds}`, `{minutes}`, `{hours}`, `{days}` (summed) or `{duration: "45d"}`. */
export function durationFromBody(body: Record<string, unknown>): number | null {
  if (typeof body.duration === 'string') return parseDuration(body.duration);
  const factors: Array<[string, number]> = [
    ['ms', 1],
    ['seconds', 1000],
    ['minutes', 60_000],
    ['hours', 3_600_000],
    ['days', 86_400_000],
  ];
  let total = 0;
  let seen = false;
  for (const [name, factor] of factors) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
    total += value * factor;
    seen = true;
  }
  return seen ? total : null;
}
