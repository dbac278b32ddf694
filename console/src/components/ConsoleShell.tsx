import { Alert, AppShell, Badge, Button, Center, Group, Loader, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ConsoleQueryFieldsDocument, ConsoleSessionDocument } from '../__generated__/graphql.ts';
import { relative } from '../lib/format.ts';
import { href, useRoute, type PageId } from '../lib/router.ts';
import { canWatchSync, type ConsoleConfig, type Session } from '../lib/session.ts';
import { ConflictsPage } from '../pages/ConflictsPage.tsx';
import { ErrorsPage } from '../pages/ErrorsPage.tsx';
import { JobsPage } from '../pages/JobsPage.tsx';
import { ProcessMapPage } from '../pages/ProcessMapPage.tsx';
import { SyncPage } from '../pages/SyncPage.tsx';
import { WebhooksPage } from '../pages/WebhooksPage.tsx';

interface PageEntry {
  id: PageId;
  label: string;
  description: string;
}

const SYNC_PAGES: PageEntry[] = [
  { id: 'sync', label: 'Sync', description: 'Objects, runs, API usage' },
  { id: 'errors', label: 'Errors', description: 'Records Salesforce refused' },
  { id: 'conflicts', label: 'Conflicts', description: 'Changed on both sides' },
  { id: 'jobs', label: 'Jobs', description: 'Queues and failed jobs' },
];
const PROCESS_MAP: PageEntry = { id: 'process-map', label: 'Process map', description: 'Lead-to-cash as it runs' };
const WEBHOOKS: PageEntry = { id: 'webhooks', label: 'Webhooks', description: 'Deliveries to partners' };

/** The pages a caller is offered: what the role may use in the graph (the graph refuses the rest anyway). */
export function pagesFor(session: Session): PageEntry[] {
  if (session.roles.includes('partner')) return [WEBHOOKS];
  return [...(canWatchSync(session) ? SYNC_PAGES : []), PROCESS_MAP, WEBHOOKS];
}

export function ConsoleShell(props: { session: Session; config: ConsoleConfig | null; onSignOut: () => void }) {
  const { session } = props;
  const route = useRoute();
  const [{ data, error, fetching }] = useQuery({ query: ConsoleSessionDocument, requestPolicy: 'network-only' });
  const pages = pagesFor(session);
  const [fields] = useQuery({ query: ConsoleQueryFieldsDocument, pause: !pages.some((p) => p.id === 'process-map') });
  const current = pages.find((p) => p.id === route.page) ?? pages[0]!;
  useEffect(() => {
    if (route.page !== current.id) window.location.replace(href(current.id));
  }, [route.page, current.id]);
  // Null until the graph has said which root fields it has.
  const queryFields = fields.data ? new Set(fields.data.schemaQuery?.fields?.map((f) => f.name) ?? []) : null;
  const viewer = data?.viewer;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 236, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header px="lg" style={{ background: 'var(--mantine-color-indigo-9)', borderBottom: 0 }}>
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4} c="white" style={{ letterSpacing: 0.2 }}>
              l2c console
            </Title>
            <Text size="sm" c="indigo.2" visibleFrom="md">
              lead-to-cash graph administration
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="white" data-testid="viewer-subject">
              {viewer?.subject ?? session.subject}
            </Text>
            {(viewer?.roles ?? session.roles.map((r) => r.toUpperCase())).map((role) => (
              <Badge key={role} variant="white" color="indigo" data-testid="viewer-role">
                {role.toLowerCase()}
              </Badge>
            ))}
            {viewer?.dealer && (
              <Badge variant="light" color="yellow">
                {viewer.dealer.name}
              </Badge>
            )}
            {session.expiresAt && (
              <Tooltip label={`Token expires ${session.expiresAt.toLocaleString()}`}>
                <Text size="xs" c="indigo.2">
                  expires {relative(session.expiresAt.toISOString())}
                </Text>
              </Tooltip>
            )}
            <Button size="xs" variant="white" color="indigo" onClick={props.onSignOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Stack gap={2}>
          {pages.map((page) => (
            <NavLink key={page.id} href={href(page.id)} label={page.label} description={page.description} active={page.id === current.id} data-testid={`nav-${page.id}`} />
          ))}
          {canWatchSync(session) && props.config && (
            <NavLink
              href={`${props.config.bullBoard}?token=${encodeURIComponent(session.token)}`}
              target="_blank"
              rel="noreferrer"
              label="Bull Board ↗"
              description="Every job, in detail"
            />
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {error ? (
          <Alert color="red" title="The graph refused the session">
            {error.message}
          </Alert>
        ) : fetching && !data ? (
          <Center h={300}>
            <Loader />
          </Center>
        ) : (
          <Page id={current.id} session={session} params={route.params} queryFields={queryFields} />
        )}
      </AppShell.Main>
    </AppShell>
  );
}

function Page(props: { id: PageId; session: Session; params: URLSearchParams; queryFields: Set<string> | null }) {
  switch (props.id) {
    case 'sync':
      return <SyncPage />;
    case 'errors':
      return <ErrorsPage params={props.params} />;
    case 'conflicts':
      return <ConflictsPage params={props.params} />;
    case 'jobs':
      return <JobsPage />;
    case 'process-map':
      return <ProcessMapPage available={props.queryFields ? props.queryFields.has('processMap') : null} />;
    case 'webhooks':
      return <WebhooksPage session={props.session} />;
  }
}
