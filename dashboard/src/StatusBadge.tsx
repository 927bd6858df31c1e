import { useI18n } from './i18n.js';

export function StatusBadge(props: { status: string }) {
  const { t } = useI18n();
  return (
    <span class={`badge status-${props.status}`}>{t(`status.${props.status}` as never) || props.status}</span>
  );
}
