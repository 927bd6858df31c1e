import { useState } from 'preact/hooks';
import { ApiError, signIn, type SessionInfo } from './api.js';
import { useI18n } from './i18n.js';

export function SignIn(props: { notice?: string; onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const { session } = await signIn(String(form.get('token') ?? ''), String(form.get('name') ?? ''));
      props.onSignedIn(session);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>{t('signInTitle')}</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      <p>{t('signInIntro')}</p>
      <form onSubmit={submit}>
        <label for="name">{t('yourName')}</label>
        <input
          id="name"
          name="name"
          autocomplete="name"
          required
          maxLength={60}
          aria-describedby="name-hint"
        />
        <p id="name-hint" class="hint">
          {t('yourNameHint')}
        </p>
        <label for="token">{t('adminToken')}</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
