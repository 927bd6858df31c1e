import type { FaultRule, NotificationFaultKind, RestFaultKind, SandboxState } from './state.js';

// Fault rules set through the control API. A rule fires for the next `remaining` matching calls (or
// until deleted), so tests can script "the next 2 PUTs answer 13" or "the next notification is doubled".

export const REST_FAULTS: readonly RestFaultKind[] = ['http500', 'result_code', 'delay', 'drop'];
export const NOTIFICATION_FAULTS: readonly NotificationFaultKind[] = [
  'duplicate',
  'reorder',
  'bad_signature',
  'delay',
  'unknown_ip',
];

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

export function addFault(state: SandboxState, input: FaultInput, nowIso: string): FaultRule | string {
  const target = input.target ?? 'rest';
  if (target !== 'rest' && target !== 'notification') return 'target must be "rest" or "notification"';
  const kinds: readonly string[] = target === 'rest' ? REST_FAULTS : NOTIFICATION_FAULTS;
  if (typeof input.kind !== 'string' || !kinds.includes(input.kind)) {
    return `kind must be one of ${kinds.join(', ')} for target "${target}"`;
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
  if (input.kind === 'delay' && input.delayMs === undefined) return 'a delay fault needs delayMs';
  state.sequence.fault += 1;
  const rule: FaultRule = {
    id: `f${state.sequence.fault}`,
    target,
    kind: input.kind as FaultRule['kind'],
    match,
    method: input.method?.toUpperCase(),
    remaining: times,
    code: input.kind === 'result_code' ? (input.code ?? 13) : undefined,
    delayMs: input.delayMs,
    createdAt: nowIso,
  };
  state.faults.push(rule);
  return rule;
}

/** Returns the rules that fire for this call and uses up one of each rule's remaining count. */
export function takeFaults(
  state: SandboxState,
  target: FaultRule['target'],
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
