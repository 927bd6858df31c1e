// What needs a person: notifications refused or contradicting a final status, webhooks the shop
// has not taken (still retrying, or dead), and orders past their lifetime in a non-final status.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog.js';
import { useI18n } from './i18n.js';
import { StatusBadge } from './StatusBadge.js';
import type { NotificationRecord, Order, WebhookEvent } from './types.js';
import { orderHref } from './use-hash-route.js';
import { useList, type List } from './use-list.js';

function Section<T>(props: {
  id: string;
  title: string;
  list: List<T>;
  head: ComponentChildren;
  row: (item: T) => ComponentChildren;
  extra?: ComponentChildren;
}) {
  const { t } = useI18n();
  const { items, error } = props.list;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} {items && <span class="count">({items.length})</span>}
      </h2>
      {error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : items === undefined ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('nothingHere')}</p>
      ) : (
        <>
          {props.extra}
          <table aria-labelledby={props.id}>
            <thead>
              <tr>{props.head}</tr>
            </thead>
            <tbody>{items.map(props.row)}</tbody>
          </table>
        </>
      )}
    </section>
  );
}

const orderLink = (id: string | undefined) => (id ? <a href={orderHref(id)}>{id}</a> : '—');

export function AttentionPage() {
  const { t, dateTime } = useI18n();
  const [confirmation, setConfirmation] = useState<Confirmation | undefined>();
  const [message, setMessage] = useState('');
  const rejected = useList<NotificationRecord>(
    'notifications?verdict=rejected&limit=50',
    (b) => b.notifications,
  );
  const conflicts = useList<NotificationRecord>(
    'notifications?verdict=conflict&limit=50',
    (b) => b.notifications,
  );
  const pending = useList<WebhookEvent>('webhooks?state=pending&limit=50', (b) => b.events);
  const dead = useList<WebhookEvent>('webhooks?state=dead&limit=50', (b) => b.events);
  const open = useList<Order>('orders?status=created,waiting&limit=500', (b) => b.orders);
  const now = Date.now();
  const stuck: List<Order> = { ...open, items: open.items?.filter((o) => Date.parse(o.lifetime) < now) };

  const act = (question: string, run: () => Promise<string>) =>
    setConfirmation({
      question,
      action: async () => {
        try {
          setMessage(await run());
        } catch (e) {
          setMessage(t('failed', { message: e instanceof Error ? e.message : String(e) }));
        }
        dead.reload();
        pending.reload();
      },
    });

  const notificationHead = (
    <>
      <th scope="col">{t('colReceived')}</th>
      <th scope="col">{t('colBill')}</th>
      <th scope="col">{t('colReason')}</th>
      <th scope="col">{t('colSource')}</th>
    </>
  );
  const notificationRow = (n: NotificationRecord) => (
    <tr key={n.id}>
      <td>{dateTime(n.receivedAt)}</td>
      <td>{orderLink(n.billId)}</td>
      <td>{n.reason ?? '—'}</td>
      <td>{n.source ?? n.remoteAddress ?? t('unknown')}</td>
    </tr>
  );
  const webhookHead = (withAction: boolean) => (
    <>
      <th scope="col">{t('colEvent')}</th>
      <th scope="col">{t('colType')}</th>
      <th scope="col">{t('colOrder')}</th>
      <th scope="col">{t('colAttempts')}</th>
      <th scope="col">{t('colError')}</th>
      {withAction && <th scope="col">{t('colAction')}</th>}
    </>
  );
  const webhookRow = (withAction: boolean) => (w: WebhookEvent) => (
    <tr key={w.id}>
      <td>
        <code>{w.id}</code>
      </td>
      <td>{w.type}</td>
      <td>{orderLink(w.orderId)}</td>
      <td>{w.attempts}</td>
      <td>{w.lastError ?? '—'}</td>
      {withAction && (
        <td>
          <button
            type="button"
            onClick={() =>
              act(t('confirmRedeliver', { id: w.id }), async () => {
                await api(`webhooks/${encodeURIComponent(w.id)}/redeliver`, { method: 'POST' });
                return t('redelivered');
              })
            }
          >
            {t('redeliver')} <span class="visually-hidden">{w.id}</span>
          </button>
        </td>
      )}
    </tr>
  );

  return (
    <main id="main">
      <h1>{t('attentionTitle')}</h1>
      <p role="status" class="message">
        {message}
      </p>
      <Section
        id="rejected"
        title={t('rejectedNotifications')}
        list={rejected}
        head={notificationHead}
        row={notificationRow}
      />
      <Section
        id="conflicts"
        title={t('conflictingNotifications')}
        list={conflicts}
        head={notificationHead}
        row={notificationRow}
      />
      <Section
        id="dead"
        title={t('deadWebhooks')}
        list={dead}
        head={webhookHead(true)}
        row={webhookRow(true)}
        extra={
          <button
            type="button"
            onClick={() =>
              act(t('confirmRedeliverAll'), async () => {
                const r = await api<{ queued: number }>('webhooks/redeliver', {
                  method: 'POST',
                  body: { state: 'dead' },
                });
                return t('queued', { count: r.queued });
              })
            }
          >
            {t('redeliverAllDead')}
          </button>
        }
      />
      <Section
        id="pending"
        title={t('pendingWebhooks')}
        list={pending}
        head={webhookHead(false)}
        row={webhookRow(false)}
      />
      <Section
        id="stuck"
        title={t('stuckOrders')}
        list={stuck}
        head={
          <>
            <th scope="col">{t('colOrder')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colLifetime')}</th>
          </>
        }
        row={(o: Order) => (
          <tr key={o.id}>
            <td>{orderLink(o.id)}</td>
            <td>
              <StatusBadge status={o.status} />
            </td>
            <td>{dateTime(o.lifetime)}</td>
          </tr>
        )}
      />
      <ConfirmDialog
        confirmation={confirmation}
        onClose={(closed) => setConfirmation((current) => (current === closed ? undefined : current))}
      />
    </main>
  );
}
