// A webhook's delivery attempts, fetched when the person opens them (GET /v1/admin/webhooks/{id}):
// when, which endpoint, its HTTP status or error, how long it took and which instance sent it.
import { useState } from 'preact/hooks';
import { api, notAvailable } from './api.js';
import { useI18n } from './i18n.js';
import type { Delivery } from './types.js';

export function WebhookAttempts(props: { webhookId: string }) {
  const { t, dateTime } = useI18n();
  const [deliveries, setDeliveries] = useState<readonly Delivery[] | undefined>();
  const [error, setError] = useState('');
  const load = async (event: Event) => {
    if (!(event.currentTarget as HTMLDetailsElement).open) return;
    try {
      const { event: shown } = await api<{ event: { deliveries?: Delivery[] } }>(
        `webhooks/${encodeURIComponent(props.webhookId)}`,
      );
      setDeliveries(shown.deliveries ?? []);
    } catch (e) {
      if (notAvailable(e)) setDeliveries([]);
      else setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <details onToggle={(e) => void load(e)}>
      <summary>{t('showAttempts')}</summary>
      {error ? (
        <p class="error">{error}</p>
      ) : deliveries === undefined ? (
        <p>{t('loading')}</p>
      ) : deliveries.length === 0 ? (
        <p>{t('nothingHere')}</p>
      ) : (
        <ol class="attempts">
          {deliveries.map((d, i) => (
            <li key={i}>
              {dateTime(d.at)} — {d.status ?? '—'}
              {d.error ? ` ${d.error}` : ''} ({d.durationMs ?? '?'} ms
              {d.instance ? `, ${d.instance}` : ''}
              {d.endpoint ? `, ${d.endpoint}` : ''})
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
