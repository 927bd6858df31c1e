// The whole app: the session decides between sign-in and the signed-in shell; the fragment picks
// the page; the language is switchable in the header.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { onSignedOut, readSession, signOut, setCsrfToken, type SessionInfo } from './api.js';
import { AttentionPage } from './AttentionPage.js';
import {
  dateTimeFormatter,
  I18nContext,
  initialLocale,
  LOCALES,
  rememberLocale,
  translator,
} from './i18n.js';
import { OrderPage } from './OrderPage.js';
import { OrdersPage } from './OrdersPage.js';
import { SignIn } from './SignIn.js';
import type { Locale } from './strings.js';
import { useHashRoute } from './use-hash-route.js';

type SessionState =
  { state: 'loading' } | { state: 'out'; notice?: string } | { state: 'in'; session: SessionInfo };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const i18n = useMemo(
    () => ({
      locale,
      t: translator(locale),
      dateTime: dateTimeFormatter(locale),
      setLocale: (next: Locale) => {
        rememberLocale(next);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  const { t } = i18n;
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const route = useHashRoute();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    document.title = t('appName');
  }, [t]);
  useEffect(() => {
    readSession()
      .then(({ session }) => signedIn(session))
      .catch(() => setSession({ state: 'out' }));
    return onSignedOut(() => setSession({ state: 'out', notice: 'sessionEnded' }));
  }, []);

  const signedIn = (info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setSession({ state: 'in', session: info });
  };
  const leave = async () => {
    await signOut().catch(() => undefined);
    setCsrfToken('');
    setSession({ state: 'out', notice: 'signedOut' });
  };

  const languageSwitch = (
    <div class="language" role="group" aria-label={t('language')}>
      {LOCALES.map((l) => (
        <button type="button" key={l} lang={l} aria-pressed={l === locale} onClick={() => i18n.setLocale(l)}>
          {l === 'en' ? 'English' : 'Русский'}
        </button>
      ))}
    </div>
  );

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header>
        <p class="brand">{t('appName')}</p>
        {session.state === 'in' && (
          <nav aria-label={t('mainNav')}>
            <a href="#/orders" aria-current={route.page !== 'attention' ? 'page' : undefined}>
              {t('navOrders')}
            </a>
            <a href="#/attention" aria-current={route.page === 'attention' ? 'page' : undefined}>
              {t('navAttention')}
            </a>
          </nav>
        )}
        {languageSwitch}
        {session.state === 'in' && (
          <div class="who">
            <span>{t('signedInAs', { name: session.session.name })}</span>
            <button type="button" onClick={() => void leave()}>
              {t('signOut')}
            </button>
          </div>
        )}
      </header>
      {session.state === 'loading' && (
        <main id="main">
          <p role="status">{t('loading')}</p>
        </main>
      )}
      {session.state === 'out' && (
        <SignIn
          onSignedIn={signedIn}
          {...(session.notice ? { notice: t(session.notice as 'signedOut' | 'sessionEnded') } : {})}
        />
      )}
      {session.state === 'in' &&
        (route.page === 'order' ? (
          <OrderPage id={route.id} />
        ) : route.page === 'attention' ? (
          <AttentionPage />
        ) : (
          <OrdersPage />
        ))}
    </I18nContext.Provider>
  );
}
