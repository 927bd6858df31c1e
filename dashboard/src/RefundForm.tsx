// A refund of a paid order, whole or in part: the amount left to refund is shown and filled in;
// what is typed is checked as a decimal string (never a float) before the confirmation.
import { useState } from 'preact/hooks';
import { useI18n } from './i18n.js';
import { formatMoney, normaliseInput, remaining, toMinor } from './money.js';
import type { Order } from './types.js';

export function RefundForm(props: { order: Order; onRefund: (amount: string) => void }) {
  const { t, locale } = useI18n();
  const left = remaining(props.order.amount, props.order.refundedAmount);
  const [error, setError] = useState('');
  if (toMinor(left) === 0) return null;
  const leftText = formatMoney(left, props.order.currency, locale);
  const submit = (event: Event) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get('amount') ?? '');
    const amount = normaliseInput(typed);
    const minor = amount === undefined ? undefined : toMinor(amount);
    if (amount === undefined || minor === undefined || minor <= 0 || minor > (toMinor(left) ?? 0)) {
      setError(t('refundInvalid', { amount: leftText }));
      return;
    }
    setError('');
    props.onRefund(amount);
  };
  return (
    <form class="refund" onSubmit={submit} noValidate>
      <p>
        {t('remaining')}: <strong>{leftText}</strong>
      </p>
      <label for="refund-amount">{t('refundAmount', { currency: props.order.currency })}</label>
      <input
        id="refund-amount"
        name="amount"
        inputMode="decimal"
        key={left}
        defaultValue={left}
        aria-describedby="refund-hint refund-error"
        aria-invalid={error ? true : undefined}
      />
      <p id="refund-hint" class="hint">
        {t('refundHint', { amount: leftText })}
      </p>
      <p id="refund-error" class="error" role={error ? 'alert' : undefined}>
        {error}
      </p>
      <button type="submit" class="primary">
        {t('refund')}
      </button>
    </form>
  );
}
