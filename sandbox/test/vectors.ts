import { readFileSync } from 'node:fs';

// The known-answer vectors shared with the server package; read in place, never copied.
const VECTORS_URL = new URL('../../fixtures/qiwi-test-vectors.json', import.meta.url);

export type Vector = Record<string, unknown> & { id?: string };
type Section = { vectors: Vector[] };

const all = JSON.parse(readFileSync(VECTORS_URL, 'utf8')) as Record<string, Section>;

export function section(name: string): Vector[] {
  const found = all[name];
  if (!found) throw new Error(`test-vectors.json has no section "${name}"`);
  return found.vectors;
}

export function str(vector: Vector, key: string): string {
  const value = vector[key];
  if (typeof value !== 'string') throw new Error(`vector ${vector.id ?? '?'} has no string field "${key}"`);
  return value;
}
