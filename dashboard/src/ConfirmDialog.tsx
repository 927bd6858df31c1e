// A modal confirmation on the platform's <dialog>: focus moves into it and stays there, Escape
// closes it, and the question is its accessible name.
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from './i18n.js';

export interface Confirmation {
  readonly question: string;
  readonly action: () => Promise<void>;
}

/**
 * `onClose` names the confirmation that closed: the browser fires `close` a task after the dialog
 * closed (Escape, or Cancel), and by then the same button may have asked again (a quick Escape,
 * Enter). The caller clears only the one named, so the new question stays.
 */
export function ConfirmDialog(props: {
  confirmation: Confirmation | undefined;
  onClose: (closed: Confirmation | undefined) => void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const shown = useRef<Confirmation | undefined>(undefined);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    shown.current = props.confirmation;
    if (props.confirmation && !d.open) d.showModal();
    if (!props.confirmation && d.open) d.close();
  }, [props.confirmation]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-question"
      // A late `close` finding the dialog open again belongs to the question before: ignored.
      onClose={() => {
        if (!dialog.current?.open) props.onClose(shown.current);
      }}
    >
      <p id="confirm-question">{props.confirmation?.question}</p>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          onClick={() => {
            const action = props.confirmation?.action;
            props.onClose(props.confirmation);
            void action?.();
          }}
        >
          {t('confirm')}
        </button>
        <button type="button" onClick={() => props.onClose(props.confirmation)}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
