// The fault kinds of the control API, one typed table per target (pull-rest-api-2.1.md §14 "Fault
// injection for 13, 300, 1003 and for slow/hanging responses"; §14 "Test hooks: … tamper signature, send
// from an 'unknown IP' marker header"; bill-payments-rest-api-1.0.0.md §14 "optional duplicates and
// tampered-signature test hooks"). Each entry says what the kind does and which fields it uses.

interface KindSpec {
  readonly does: string;
  /** The rule needs `delayMs`. */
  readonly needsDelay?: true;
  /** The rule carries a result `code` (default 13). */
  readonly takesCode?: true;
}

export const FAULT_KINDS = {
  rest: {
    result_code: { does: 'answers a result code in the normal envelope (default 13)', takesCode: true },
    http500: { does: 'answers HTTP 500 with an HTML page' },
    delay: { does: 'waits delayMs of wall-clock time before the normal answer', needsDelay: true },
    drop: { does: 'destroys the connection without an answer' },
  },
  notification: {
    duplicate: { does: 'sends the notification twice' },
    reorder: { does: 'holds it until the next notification has gone out (or deliver-now)' },
    bad_signature: { does: 'signs with a wrong key / wrong Basic password' },
    delay: { does: 'waits delayMs of wall-clock time before the first attempt', needsDelay: true },
    unknown_ip: { does: 'marks the request as coming from outside QIWI networks (X-Forwarded-For)' },
  },
} as const satisfies Record<string, Record<string, KindSpec>>;

export type FaultTarget = keyof typeof FAULT_KINDS;
export type RestFaultKind = keyof (typeof FAULT_KINDS)['rest'];
export type NotificationFaultKind = keyof (typeof FAULT_KINDS)['notification'];
export type FaultKind<T extends FaultTarget> = keyof (typeof FAULT_KINDS)[T];

interface RuleFields {
  id: string;
  /** Substring the request path (REST) or bill id (notification) must contain; absent = any. */
  match?: string;
  method?: string;
  /** How many more times the rule fires; absent = until deleted. */
  remaining?: number;
  code?: number;
  delayMs?: number;
  createdAt: string;
}

export type FaultRule =
  | (RuleFields & { target: 'rest'; kind: RestFaultKind })
  | (RuleFields & { target: 'notification'; kind: NotificationFaultKind });

export function kindSpec(target: FaultTarget, kind: string): KindSpec | undefined {
  const table: Record<string, KindSpec> = FAULT_KINDS[target];
  return Object.hasOwn(table, kind) ? table[kind] : undefined;
}

/** What the REST faults that fired for one call do, combined. */
export interface RestEffects {
  delayMs: number;
  drop: boolean;
  http500: boolean;
  resultCode?: number;
}

export function restEffects(fired: readonly FaultRule[]): RestEffects {
  const rest = fired.filter((f) => f.target === 'rest');
  return {
    delayMs: rest.filter((f) => f.kind === 'delay').reduce((sum, f) => sum + (f.delayMs ?? 0), 0),
    drop: rest.some((f) => f.kind === 'drop'),
    http500: rest.some((f) => f.kind === 'http500'),
    resultCode: rest.find((f) => f.kind === 'result_code')?.code,
  };
}

/** What the notification faults that fired for one bill do, combined. */
export interface NotificationEffects {
  copies: 1 | 2;
  hold: boolean;
  tamperSignature: boolean;
  unknownIp: boolean;
  /** Wall-clock wait before the first attempt. */
  delayMs?: number;
  kinds: NotificationFaultKind[];
}

export function notificationEffects(fired: readonly FaultRule[]): NotificationEffects {
  const kinds = fired.flatMap((f) => (f.target === 'notification' ? [f.kind] : []));
  return {
    copies: kinds.includes('duplicate') ? 2 : 1,
    hold: kinds.includes('reorder'),
    tamperSignature: kinds.includes('bad_signature'),
    unknownIp: kinds.includes('unknown_ip'),
    delayMs: fired.find((f) => f.target === 'notification' && f.kind === 'delay')?.delayMs,
    kinds,
  };
}
