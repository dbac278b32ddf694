import { Alert, Anchor, Box, Button, Card, Center, Code, Group, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DealersDocument } from '../__generated__/graphql.ts';
import { createGraphClient } from '../lib/client.ts';
import { fetchDevToken, sessionOf, type ConsoleConfig, type RoleName, type Session } from '../lib/session.ts';

const ROLE_LABELS: Record<RoleName, string> = {
  sf_admin: 'Salesforce admin — sync, errors, conflicts, jobs',
  engineer: 'Engineer — sync, jobs, metrics',
  staff: 'OEM staff — webhooks, insights',
  partner: 'Partner (dealer) — its own webhooks',
};

export function LoginPage(props: { config: ConsoleConfig | null; configError: string | null; notice: string | null; onSignIn: (session: Session) => void }) {
  const { config } = props;
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Card withBorder shadow="sm" radius="md" p="xl" w={520}>
        <Stack gap="md">
          <div>
            <Title order={2}>l2c console</Title>
            <Text c="dimmed" size="sm">
              Salesforce sync, errors and conflicts, job queues, process map and webhooks — through the graph.
            </Text>
          </div>
          {props.notice && (
            <Alert color="yellow" title="Signed out">
              {props.notice}
            </Alert>
          )}
          {props.configError && (
            <Alert color="red" title="The gateway did not answer">
              {props.configError}
            </Alert>
          )}
          <Tabs defaultValue={config?.devLogin ? 'role' : 'token'} keepMounted={false} key={String(config?.devLogin)}>
            <Tabs.List grow>
              {config?.devLogin && <Tabs.Tab value="role">Development role</Tabs.Tab>}
              <Tabs.Tab value="token">Paste a token</Tabs.Tab>
            </Tabs.List>
            {config?.devLogin && (
              <Tabs.Panel value="role" pt="md">
                <DevRoleLogin onSignIn={props.onSignIn} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="token" pt="md">
              <TokenLogin onSignIn={props.onSignIn} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Card>
    </Center>
  );
}

function TokenLogin(props: { onSignIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    try {
      const session = sessionOf(token);
      if (session.expiresAt && session.expiresAt.getTime() <= Date.now()) throw new Error(`the token expired at ${session.expiresAt.toLocaleString()}`);
      props.onSignIn(session);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack gap="sm">
      <Textarea
        label="Bearer token (JWT)"
        description={
          <>
            From your identity provider, or in development <Code>npm run -s token -- sf_admin</Code>
          </>
        }
        placeholder="eyJhbGciOi…"
        autosize
        minRows={3}
        maxRows={6}
        value={token}
        onChange={(e) => {
          setToken(e.currentTarget.value);
          setError(null);
        }}
        error={error}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        data-testid="token-input"
      />
      <Button onClick={submit} disabled={token.trim() === ''}>
        Sign in
      </Button>
    </Stack>
  );
}

function DevRoleLogin(props: { onSignIn: (session: Session) => void }) {
  const [role, setRole] = useState<RoleName>('sf_admin');
  const [dealers, setDealers] = useState<{ value: string; label: string }[] | null>(null);
  const [dealer, setDealer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (role !== 'partner' || dealers) return;
    // The dealers are read through the graph like everything else, with a staff token for the picker only.
    let cancelled = false;
    void (async () => {
      try {
        const graph = createGraphClient(await fetchDevToken('staff'), () => undefined);
        const result = await graph.client.query(DealersDocument, {}, { requestPolicy: 'network-only' }).toPromise();
        graph.dispose();
        if (result.error) throw new Error(result.error.message);
        if (!cancelled) setDealers((result.data?.accounts.nodes ?? []).map((d) => ({ value: d.id, label: d.name })));
      } catch (e) {
        if (!cancelled) setError(`Could not list dealers: ${(e as Error).message}`);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [role, dealers]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onSignIn(sessionOf(await fetchDevToken(role, role === 'partner' ? dealer : null)));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Select
        label="Role"
        description="The gateway issues a 12-hour token for it: development only."
        data={(Object.keys(ROLE_LABELS) as RoleName[]).map((value) => ({ value, label: ROLE_LABELS[value] }))}
        value={role}
        onChange={(value) => value && setRole(value as RoleName)}
        allowDeselect={false}
        data-testid="role-select"
      />
      {role === 'partner' && (
        <Select
          label="Dealer"
          placeholder={dealers ? 'Pick the dealer the partner acts for' : 'Loading dealers…'}
          data={dealers ?? []}
          value={dealer}
          onChange={setDealer}
          searchable
          nothingFoundMessage="No dealer by that name"
          data-testid="dealer-select"
        />
      )}
      {error && <Text c="red" size="sm">{error}</Text>}
      <Button onClick={() => void submit()} loading={busy} disabled={role === 'partner' && !dealer}>
        Sign in as {role}
      </Button>
      <Box>
        <Text size="xs" c="dimmed">
          Or open the <Anchor href="/">GraphQL IDE</Anchor>.
        </Text>
      </Box>
      <Group />
    </Stack>
  );
}
