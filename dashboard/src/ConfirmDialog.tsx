// A modal confirmation on the platform's <dialog>: focus moves into it and stays there, Escape
// closes it, and the question is its accessible name.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from './i18n.js';

export interface Confirmation {
  readonly question: string;
  readonly action: () => Promise<void>;
}

export function ConfirmDialog(props: { confirmation: Confirmation | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (props.confirmation && !d.open) d.showModal();
    if (!props.confirmation && d.open) d.close();
  }, [props.confirmation]);
  return (
    <dialog ref={dialog} aria-labelledby="confirm-question" onClose={props.onClose}>
      <p id="confirm-question">{props.confirmation?.question}</p>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          onClick={() => {
            const action = props.confirmation?.action;
            props.onClose();
            void action?.();
          }}
        >
          {t('confirm')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
