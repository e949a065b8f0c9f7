import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhTW from 'antd/locale/zh_TW';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { SESSION_QUERY_KEY, fetchSession, pendingReason, setLoginReason, type Session } from '../features/auth/session.ts';
import { onCsrfRefresh, onLoginStepRequired, onSessionLost } from '../lib/api.ts';
import { createQueryClient } from './query-client.ts';
import { createRouter } from './router.tsx';

const queryClient = createQueryClient();
const router = createRouter();

// The server says the session is gone: forget the old user's data and mark the session
// anonymous at once (the route guards then show the login page with the reason), and fetch the
// new anonymous session with its own CSRF token.
onSessionLost((code) => {
  // An expiry stays the reason even if a later request only says "unauthenticated".
  if (code === 'SESSION_EXPIRED' || pendingReason() !== 'expired') setLoginReason(code === 'SESSION_EXPIRED' ? 'expired' : 'signin');
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  queryClient.setQueryData<Session>(SESSION_QUERY_KEY, (old) => (old ? { ...old, authenticated: false, stage: 'anonymous', user: null } : old));
  void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
});
onLoginStepRequired(() => void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }));
onCsrfRefresh(async () => {
  queryClient.setQueryData(SESSION_QUERY_KEY, await fetchSession());
});

/** Police blue, compact density: a back-office look for long working sessions. */
const THEME = {
  algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm],
  token: {
    colorPrimary: '#1d4f91',
    colorInfo: '#1d4f91',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans TC', 'Noto Sans CJK TC', 'Microsoft JhengHei', 'PingFang TC', sans-serif",
  },
  components: {
    Menu: { itemSelectedBg: '#e8eef7', itemSelectedColor: '#1d4f91' },
  },
};

/** Root: query cache, antd locale matching the UI language, the router. */
export function App() {
  // useTranslation re-renders on every language change, so the antd locale follows the toggle.
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={language === 'en' ? enUS : zhTW} theme={THEME}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
