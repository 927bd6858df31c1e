// The project's copy of QIWI's known-answer vectors (fixtures/qiwi-test-vectors.json, copied from the
// protocol specification so the repository tests on its own).
import { readFileSync } from 'node:fs';

export const VECTORS_PATH = new URL('../../fixtures/qiwi-test-vectors.json', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document read as data
export type Vector = Record<string, any>;

export interface VectorSection {
  readonly algorithm?: string;
  readonly vectors: Vector[];
}

export const vectors = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Record<string, VectorSection> & {
  meta: unknown;
};

export function section(name: string): Vector[] {
  const found = vectors[name];
  if (!found || !Array.isArray(found.vectors))
    throw new Error(`section ${name} missing from ${VECTORS_PATH.pathname}`);
  return found.vectors;
}

export function vectorName(v: Vector, index: number): string {
  return String(v.id ?? v.input ?? v.instant_utc ?? index);
}
