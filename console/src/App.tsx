import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { ConsoleShell } from './components/ConsoleShell.tsx';
import { createGraphClient } from './lib/client.ts';
import { clearSession, fetchConsoleConfig, loadSession, saveSession, type ConsoleConfig, type Session } from './lib/session.ts';
import { LoginPage } from './pages/LoginPage.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  components: {
    // Codes and statuses are read whole: a badge takes the room its label needs instead of cutting it short.
    Badge: { styles: { root: { maxWidth: 'none', flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } },
    Table: { styles: { th: { whiteSpace: 'nowrap' } } },
  },
});

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);

  useEffect(() => {
    fetchConsoleConfig().then(setConfig, (error: Error) => setConfigError(error.message));
  }, []);

  const signOut = useCallback((reason: string | null) => {
    clearSession();
    setSession(null);
    setSignedOutReason(reason);
  }, []);

  const graph = useMemo(() => (session ? createGraphClient(session.token, (reason) => signOut(`Signed out: ${reason}.`)) : null), [session, signOut]);
  useEffect(() => () => graph?.dispose(), [graph]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      {session && graph ? (
        <Provider value={graph.client}>
          <ConsoleShell session={session} config={config} onSignOut={() => signOut(null)} />
        </Provider>
      ) : (
        <LoginPage
          config={config}
          configError={configError}
          notice={signedOutReason}
          onSignIn={(next) => {
            saveSession(next);
            setSignedOutReason(null);
            setSession(next);
          }}
        />
      )}
    </MantineProvider>
  );
}
