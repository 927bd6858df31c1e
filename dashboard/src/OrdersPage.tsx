// Orders, newest first: a status filter, a search by order id, and keyset pages ("Older orders"
// asks for the orders created before the last one shown: the admin API's `before` cursor).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { useI18n } from './i18n.js';
import { formatMoney } from './money.js';
import { StatusBadge } from './StatusBadge.js';
import { ORDER_STATUSES, type Order } from './types.js';
import { orderHref } from './use-hash-route.js';

const PAGE_SIZE = 25;

export function OrdersPage() {
  const { t, locale, dateTime } = useI18n();
  const [status, setStatus] = useState('');
  const [before, setBefore] = useState<string | undefined>();
  const [orders, setOrders] = useState<readonly Order[] | undefined>();
  const [error, setError] = useState('');
  const [searchError, setSearchError] = useState('');

  useEffect(() => {
    let live = true;
    setOrders(undefined);
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (status) query.set('status', status);
    if (before) query.set('before', before);
    api<{ orders: Order[] }>(`orders?${query}`)
      .then((r) => live && setOrders(r.orders))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [status, before]);

  const search = async (event: Event) => {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    if (!id) return;
    setSearchError('');
    try {
      await api(`orders/${encodeURIComponent(id)}`);
      window.location.hash = orderHref(id);
    } catch (e) {
      setSearchError(
        e instanceof ApiError && e.status === 404 ? t('orderNotFound', { id }) : String((e as Error).message),
      );
    }
  };

  return (
    <main id="main">
      <h1>{t('ordersTitle')}</h1>
      <div class="toolbar">
        <form role="search" onSubmit={search}>
          <label for="q">{t('searchOrder')}</label>
          <input id="q" name="q" type="search" aria-describedby={searchError ? 'q-error' : undefined} />
          <button type="submit">{t('find')}</button>
          {searchError && (
            <p id="q-error" role="alert" class="error">
              {searchError}
            </p>
          )}
        </form>
        <div>
          <label for="status">{t('statusFilter')}</label>
          <select
            id="status"
            value={status}
            onChange={(e) => {
              setBefore(undefined);
              setStatus((e.currentTarget as HTMLSelectElement).value);
            }}
          >
            <option value="">{t('allStatuses')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {orders === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : orders.length === 0 ? (
        <p>{t('noOrders')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('ordersTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colOrder')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col" class="num">
                {t('colAmount')}
              </th>
              <th scope="col" class="num">
                {t('colRefunded')}
              </th>
              <th scope="col">{t('colCreated')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <a href={orderHref(o.id)}>{o.id}</a>
                </th>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td class="num">{formatMoney(o.amount, o.currency, locale)}</td>
                <td class="num">{formatMoney(o.refundedAmount, o.currency, locale)}</td>
                <td>{dateTime(o.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="pager">
        {before && (
          <button type="button" onClick={() => setBefore(undefined)}>
            {t('newestOrders')}
          </button>
        )}
        {orders && orders.length === PAGE_SIZE && (
          <button type="button" onClick={() => setBefore(orders[orders.length - 1]?.id)}>
            {t('olderOrders')}
          </button>
        )}
      </div>
    </main>
  );
}
