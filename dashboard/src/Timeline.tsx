import { useI18n } from './i18n.js';
import { buildTimeline } from './timeline.js';
import { webhookState, type OrderDetail } from './types.js';
import { WebhookAttempts } from './WebhookAttempts.js';

export function Timeline(props: {
  detail: OrderDetail;
  money: (amount: string) => string;
  onRedeliver: (webhookId: string) => void;
}) {
  const { t, dateTime } = useI18n();
  const entries = buildTimeline(props.detail, t, dateTime, props.money);
  // Redelivery exists on servers that report a webhook's state; a pending one is still being retried.
  const redeliverable = new Set(
    props.detail.webhooks
      .filter((w) => w.state !== undefined && webhookState(w) !== 'pending')
      .map((w) => w.id),
  );
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline')}</h2>
      <ol class="timeline">
        {entries.map((e) => (
          <li key={e.key} class={`entry kind-${e.kind}${e.warning ? ' warning' : ''}`}>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            <p class="title">{e.title}</p>
            {e.details.length > 0 && (
              <ul class="details">
                {e.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
            {e.webhookId && e.hasAttempts && <WebhookAttempts webhookId={e.webhookId} />}
            {e.webhookId && redeliverable.has(e.webhookId) && (
              <button type="button" onClick={() => props.onRedeliver(e.webhookId as string)}>
                {t('redeliver')} <span class="visually-hidden">{e.webhookId}</span>
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
