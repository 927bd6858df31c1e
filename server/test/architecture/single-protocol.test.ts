// Issue 11, "done when": no protocol comparison outside the protocol objects. Everything that differs
// between Pull 2.1 and Bill Payments 1.0.0 belongs to src/qiwi/protocols/; elsewhere the protocol is
// an object, or a switch that ends in assertNever.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const PROTOCOL_OBJECTS = 'qiwi/protocols/';

/** `x.protocol === 'pull'`, `'bill' !== protocol`, `QIWI_PROTOCOL === 'pull'`, and the like. */
const COMPARISON =
  /protocol\w*\s*[!=]==?\s*['"](pull|bill)['"]|['"](pull|bill)['"]\s*[!=]==?\s*[\w.]*protocol\b/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('one object per QIWI protocol', () => {
  it('finds the pattern it looks for (the check can fail)', () => {
    expect(COMPARISON.test("if (q.protocol === 'pull') values.push(q.apiPassword);")).toBe(true);
    expect(COMPARISON.test("const answer = 'bill' !== settings.protocol ? a : b;")).toBe(true);
    expect(COMPARISON.test("e.QIWI_PROTOCOL === 'pull' ? {} : {}")).toBe(true);
    expect(COMPARISON.test("if (byName.command !== 'bill')")).toBe(false);
  });

  it('compares no protocol name outside src/qiwi/protocols/', () => {
    const offenders = sourceFiles(SRC)
      .map((path) => relative(SRC, path).replaceAll('\\', '/'))
      .filter((path) => !path.startsWith(PROTOCOL_OBJECTS))
      .flatMap((path) =>
        readFileSync(join(SRC, path), 'utf8')
          .split('\n')
          .flatMap((line, i) => (COMPARISON.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
