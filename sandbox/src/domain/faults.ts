import { FAULT_KINDS, kindSpec, type FaultRule, type FaultTarget } from './fault-kinds.js';
import type { SandboxState } from './state.js';

// Fault rules set through the control API. A rule fires for the next `remaining` matching calls (or
// until deleted), so tests can script "the next 2 PUTs answer 13" or "the next notification is doubled".

export interface FaultInput {
  target?: unknown;
  kind?: unknown;
  match?: unknown;
  path?: unknown;
  method?: unknown;
  times?: unknown;
  count?: unknown;
  code?: unknown;
  delayMs?: unknown;
}

const isTarget = (value: unknown): value is FaultTarget =>
  typeof value === 'string' && Object.hasOwn(FAULT_KINDS, value);

export function addFault(state: SandboxState, input: FaultInput, nowIso: string): FaultRule | string {
  const target = input.target ?? 'rest';
  if (!isTarget(target)) return 'target must be "rest" or "notification"';
  const spec = typeof input.kind === 'string' ? kindSpec(target, input.kind) : undefined;
  if (!spec || typeof input.kind !== 'string') {
    return `kind must be one of ${Object.keys(FAULT_KINDS[target]).join(', ')} for target "${target}"`;
  }
  const times = input.times ?? input.count;
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return 'times must be a positive integer (omit it for "until deleted")';
  }
  const match = input.match ?? input.path;
  if (match !== undefined && typeof match !== 'string') return 'match/path must be a string';
  if (input.method !== undefined && typeof input.method !== 'string')
    return 'method must be a string like "PUT"';
  if (input.code !== undefined && (typeof input.code !== 'number' || !Number.isInteger(input.code))) {
    return 'code must be an integer result code such as 13, 300 or 1003';
  }
  if (input.delayMs !== undefined && (typeof input.delayMs !== 'number' || input.delayMs < 0)) {
    return 'delayMs must be a non-negative number of milliseconds';
  }
  if ('needsDelay' in spec && input.delayMs === undefined) return `a ${input.kind} fault needs delayMs`;
  state.sequence.fault += 1;
  const fields = {
    id: `f${state.sequence.fault}`,
    match,
    method: input.method?.toUpperCase(),
    remaining: times,
    code: 'takesCode' in spec ? (input.code ?? 13) : undefined,
    delayMs: input.delayMs,
    createdAt: nowIso,
  };
  // kindSpec found the kind in FAULT_KINDS[target], so the pairing below is the table's own.
  const rule = { ...fields, target, kind: input.kind } as FaultRule;
  state.faults.push(rule);
  return rule;
}

/** Returns the rules that fire for this call and uses up one of each rule's remaining count. */
export function takeFaults(
  state: SandboxState,
  target: FaultTarget,
  subject: string,
  method?: string,
): FaultRule[] {
  const fired = state.faults.filter(
    (rule) =>
      rule.target === target &&
      (rule.match === undefined || subject.includes(rule.match)) &&
      (rule.method === undefined || rule.method === method),
  );
  for (const rule of fired) {
    if (rule.remaining === undefined) continue;
    rule.remaining -= 1;
    if (rule.remaining <= 0) state.faults.splice(state.faults.indexOf(rule), 1);
  }
  return fired;
}

export function clearFaults(state: SandboxState): void {
  state.faults.length = 0;
}

/** False when no rule has this id. */
export function deleteFault(state: SandboxState, id: string): boolean {
  const index = state.faults.findIndex((f) => f.id === id);
  if (index < 0) return false;
  state.faults.splice(index, 1);
  return true;
}
