// One order: its summary, the actions an operator may take (each confirmed in a dialog and
// recorded with who took it), and one timeline of everything that happened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog.js';
import { useI18n } from './i18n.js';
import { formatMoney } from './money.js';
import { RefundForm } from './RefundForm.js';
import { StatusBadge } from './StatusBadge.js';
import { Timeline } from './Timeline.js';
import { FINAL_STATUSES } from './types.js';
import { useLiveOrder } from './use-live-order.js';

export function OrderPage(props: { id: string }) {
  const { t, locale, dateTime } = useI18n();
  const { detail, error, reload } = useLiveOrder(props.id);
  const [confirmation, setConfirmation] = useState<Confirmation | undefined>();
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const lastStatus = useRef<string | undefined>();

  // The heading takes the focus when the page opens and again once the order is there (a new element).
  const loaded = detail !== undefined;
  useEffect(() => heading.current?.focus(), [props.id, loaded]);
  // Say a status that changed while the page was open (the live region reads it out).
  useEffect(() => {
    const status = detail?.order.status;
    if (lastStatus.current && status && status !== lastStatus.current)
      setMessage(t('liveChanged', { status: t(`status.${status}` as never) }));
    lastStatus.current = status;
  }, [detail?.order.status]);

  const act = (question: string, run: () => Promise<string>) =>
    setConfirmation({
      question,
      action: async () => {
        setMessage('');
        try {
          setMessage(await run());
        } catch (e) {
          setMessage(t('failed', { message: e instanceof Error ? e.message : String(e) }));
        }
        await reload();
      },
    });

  if (!detail) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <main id="main">
        <h1 tabIndex={-1} ref={heading}>
          {t('orderTitle', { id: props.id })}
        </h1>
        <p role={missing || error ? 'alert' : 'status'}>
          {missing
            ? t('orderNotFound', { id: props.id })
            : error
              ? String((error as Error).message)
              : t('loading')}
        </p>
        <p>
          <a href="#/orders">{t('backToOrders')}</a>
        </p>
      </main>
    );
  }

  const { order } = detail;
  const money = (amount: string) => formatMoney(amount, order.currency, locale);
  const cancellable = !FINAL_STATUSES.has(order.status);
  return (
    <main id="main">
      <p>
        <a href="#/orders">{t('backToOrders')}</a>
      </p>
      <h1 tabIndex={-1} ref={heading}>
        {t('orderTitle', { id: order.id })} <StatusBadge status={order.status} />
      </h1>
      <p class="hint">{t('live')}</p>
      <dl class="summary">
        <dt>{t('amount')}</dt>
        <dd>{money(order.amount)}</dd>
        <dt>{t('refunded')}</dt>
        <dd>{money(order.refundedAmount)}</dd>
        <dt>{t('protocol')}</dt>
        <dd>
          {order.protocol} / {order.flow}
        </dd>
        <dt>{t('payBy')}</dt>
        <dd>{dateTime(order.lifetime)}</dd>
        <dt>{t('lastChecked')}</dt>
        <dd>{order.lastCheckedAt ? dateTime(order.lastCheckedAt) : t('never')}</dd>
      </dl>

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actions')}</h2>
        <p role="status" class="message">
          {message}
        </p>
        {order.status === 'paid' && (
          <RefundForm
            order={order}
            onRefund={(amount) =>
              act(t('confirmRefund', { amount: money(amount), id: order.id }), async () => {
                const { refund } = await api<{ refund: { refundId: string; status: string } }>(
                  `orders/${encodeURIComponent(order.id)}/refunds`,
                  { method: 'POST', body: { amount } },
                );
                return t('refundDone', refund);
              })
            }
          />
        )}
        <div class="buttons">
          {cancellable && (
            <button
              type="button"
              onClick={() =>
                act(t('confirmCancel', { id: order.id }), async () => {
                  await api(`orders/${encodeURIComponent(order.id)}/cancel`, { method: 'POST' });
                  return t('cancelled');
                })
              }
            >
              {t('cancelOrder')}
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              act(t('confirmReconcile'), async () => {
                await api('reconcile', { method: 'POST' });
                return t('reconciled');
              })
            }
          >
            {t('reconcileNow')}
          </button>
        </div>
      </section>

      <Timeline
        detail={detail}
        money={money}
        onRedeliver={(webhookId) =>
          act(t('confirmRedeliver', { id: webhookId }), async () => {
            await api(`webhooks/${encodeURIComponent(webhookId)}/redeliver`, { method: 'POST' });
            return t('redelivered');
          })
        }
      />
      <ConfirmDialog
        confirmation={confirmation}
        onClose={(closed) => setConfirmation((current) => (current === closed ? undefined : current))}
      />
    </main>
  );
}
