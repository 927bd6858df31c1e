// One timeline of everything that happened to an order, oldest first, from the pieces the admin
// API returns: status events (checkout, notifications, polls, the reconciler, admins), every
// notification received with its verdict and reason, refunds, webhook events with their attempts,
// and the last check with QIWI.
import type { Translate } from './i18n.js';
import { webhookState, type OrderDetail } from './types.js';

export type EntryKind = 'status' | 'notification' | 'refund' | 'webhook' | 'check';

export interface TimelineEntry {
  readonly key: string;
  readonly at: string;
  readonly kind: EntryKind;
  readonly title: string;
  /** Further lines: who, through what, why, attempts. */
  readonly details: readonly string[];
  /** Rejected, conflict, dead, failed: shown as a warning. */
  readonly warning: boolean;
  /** The webhook event id, for "redeliver" and its attempts. */
  readonly webhookId?: string;
  /** Whether the server records delivery attempts one by one (it reports a webhook's state). */
  readonly hasAttempts?: boolean;
}

export function buildTimeline(
  detail: OrderDetail,
  t: Translate,
  dateTime: (iso: string | undefined) => string,
  money: (amount: string) => string,
): TimelineEntry[] {
  const status = (s: string | null) => (s ? t(`status.${s}` as never) || s : '—');
  const entries: TimelineEntry[] = [];

  for (const e of detail.events) {
    // An event that moves nothing records an action (an admin's refund request, say): its detail says which.
    const action = e.from === e.to && e.detail !== undefined;
    const details = [
      t('via', { source: t(`source.${e.source}` as never) || e.source }),
      ...(e.actor ? [t('by', { actor: e.actor })] : []),
      ...(e.detail && !action ? [e.detail] : []),
    ];
    const title =
      e.from === null && e.to === 'created'
        ? t('ev.created')
        : e.source === 'checkout' && e.to === 'waiting'
          ? t('ev.billCreated')
          : action
            ? t('ev.action', { detail: e.detail ?? '' })
            : t('ev.status', { from: status(e.from), to: status(e.to) });
    entries.push({ key: `e${e.id}`, at: e.at, kind: 'status', title, details, warning: false });
  }

  for (const n of detail.notifications) {
    const verdict = t(`verdict.${n.verdict}` as never) || n.verdict;
    entries.push({
      key: `n${n.id}`,
      at: n.receivedAt,
      kind: 'notification',
      title: t('ev.notification', { verdict }),
      details: [
        ...(n.status ? [`${t('colStatus')}: ${n.status}`] : []),
        ...(n.reason ? [t('reason', { reason: n.reason })] : []),
      ],
      warning: n.verdict === 'rejected' || n.verdict === 'conflict',
    });
  }

  for (const r of detail.refunds) {
    entries.push({
      key: `r${r.refundId}`,
      at: r.createdAt,
      kind: 'refund',
      title: t('ev.refund', { refundId: r.refundId, amount: money(r.amount), status: r.status }),
      details: [...(r.actor ? [t('by', { actor: r.actor })] : []), ...(r.error ? [`error ${r.error}`] : [])],
      warning: r.status === 'fail',
    });
    if (r.updatedAt !== r.createdAt && r.status !== 'processing')
      entries.push({
        key: `r${r.refundId}-u`,
        at: r.updatedAt,
        kind: 'refund',
        title: t('ev.refundUpdated', { refundId: r.refundId, status: r.status }),
        details: [],
        warning: r.status === 'fail',
      });
  }

  for (const w of detail.webhooks) {
    const state = webhookState(w);
    const details = [
      state === 'delivered'
        ? t('webhook.delivered', { at: dateTime(w.deliveredAt ?? undefined) })
        : state === 'dead'
          ? t('webhook.dead')
          : t('webhook.pending', { at: dateTime(w.nextAttemptAt ?? undefined) }),
      t('attempts', { count: w.attempts }),
      ...(w.lastError ? [t('lastError', { error: w.lastError })] : []),
      ...(w.deliveries ?? []).map(
        (d) => `${dateTime(d.at)}: ${d.status ?? '—'}${d.error ? ` ${d.error}` : ''}`,
      ),
    ];
    entries.push({
      key: `w${w.id}`,
      at: w.createdAt,
      kind: 'webhook',
      title: t('ev.webhook', { type: w.type }),
      details,
      warning: state === 'dead',
      webhookId: w.id,
      hasAttempts: w.state !== undefined && w.attempts > 0,
    });
  }

  if (detail.order.lastCheckedAt)
    entries.push({
      key: 'check',
      at: detail.order.lastCheckedAt,
      kind: 'check',
      title: t('ev.check'),
      details: [],
      warning: false,
    });

  // Oldest first; at the same instant, the order they were recorded in (stable sort).
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
