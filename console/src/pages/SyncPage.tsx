import { Alert, Anchor, Badge, Button, Card, Grid, Group, MultiSelect, Progress, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  CancelSyncDocument,
  StartSyncDocument,
  SyncJobsDocument,
  SyncOverviewDocument,
  type SyncJobFieldsFragment,
  type SyncMode,
  type SyncOverviewQuery,
  type SyncRunDirection,
  type SyncStatsFieldsFragment,
} from '../__generated__/graphql.ts';
import { ApiUsageGauge } from '../components/ApiUsageGauge.tsx';
import { count, duration, humanize, relative, seconds, stamp, statusColor } from '../lib/format.ts';
import { href } from '../lib/router.ts';
import { FINISHED, changeOf, useSyncJobEvents, type SyncJobEvent } from '../lib/syncEvents.ts';

type SyncObject = SyncOverviewQuery['syncObjects'][number];

const recordsIn = (s: SyncStatsFieldsFragment | null | undefined) => (s ? s.inserted + s.updated + s.deleted : 0);
const recordsOut = (s: SyncStatsFieldsFragment | null | undefined) => (s ? s.pushedCreated + s.pushedUpdated + s.pushedDeleted : 0);

export function SyncPage() {
  const [overview, refreshOverview] = useQuery({ query: SyncOverviewDocument, requestPolicy: 'cache-and-network' });
  const [jobs, refreshJobs] = useQuery({ query: SyncJobsDocument, variables: { first: 12 }, requestPolicy: 'cache-and-network' });
  const [tracked, setTracked] = useState<TrackedJob | null>(null);
  const refresh = useCallback(() => {
    refreshOverview({ requestPolicy: 'network-only' });
    refreshJobs({ requestPolicy: 'network-only' });
  }, [refreshOverview, refreshJobs]);

  // Any job that starts or ends changes the tables; progress events only move the bar.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useSyncJobEvents((event) => {
    setTracked((job) => (job ? applyEvent(job, event) : job));
    if (event.type !== 'SYNC_JOB_PROGRESS' && !pending.current) {
      pending.current = setTimeout(() => {
        pending.current = null;
        refresh();
      }, 400);
    }
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  const error = overview.error ?? jobs.error;
  const objects = overview.data?.syncObjects ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={2}>Salesforce sync</Title>
          <Text c="dimmed" size="sm">
            Every mirrored object, its last run and its next one; start a sync and watch it live.
          </Text>
        </div>
        <Badge variant="dot" color={live.error ? 'red' : 'teal'} size="lg" data-testid="live-status">
          {live.error ? 'live updates off' : 'live'}
        </Badge>
      </Group>
      {error && (
        <Alert color="red" title="The graph did not answer">
          {error.message}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <StartSyncCard objects={objects.map((o) => o.object)} tracked={tracked} onStarting={() => setTracked(null)} onStarted={(job) => (setTracked(trackedOf(job)), refresh())} onCancelled={refresh} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ApiUsageGauge usage={overview.data?.syncApiUsage ?? null} />
        </Grid.Col>
      </Grid>
      <ObjectsTable objects={objects} />
      <RecentJobs jobs={jobs.data?.syncJobs.nodes ?? []} onCancelled={refresh} />
    </Stack>
  );
}

/** The job started from this page, kept current by the subscription's events (its own, and its children's). */
interface TrackedJob {
  id: string;
  kind: string;
  objects: string[];
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  apiCalls: number;
  children: Record<string, { status: string; done: number; total: number | null }>;
  error: string | null;
}

function trackedOf(job: SyncJobFieldsFragment): TrackedJob {
  return { id: job.id, kind: job.kind, objects: job.objects, status: job.status, phase: job.phase, done: job.done, total: job.total, apiCalls: job.apiCalls, children: {}, error: job.error?.message ?? null };
}

function applyEvent(job: TrackedJob, event: SyncJobEvent): TrackedJob {
  const change = changeOf(event);
  if (event.syncJobId === job.id) {
    // Events can arrive out of order across processes: a finished job stays finished.
    if (FINISHED.has(job.status)) return job;
    const error = (event.changes as { error?: { message?: string } | null }).error?.message ?? null;
    return { ...job, status: change.status, phase: change.phase, done: change.done, total: change.total ?? job.total, apiCalls: Math.max(job.apiCalls, change.apiCalls), error };
  }
  if (change.parentId === job.id) {
    const object = change.mappings[0] ?? event.syncJobId;
    if (FINISHED.has(job.children[object]?.status ?? '')) return job;
    return { ...job, children: { ...job.children, [object]: { status: change.status, done: change.done, total: change.total } } };
  }
  return job;
}

/** Percent done; null while nothing says how much there is to do. */
export function progressOf(job: TrackedJob): number | null {
  if (job.status === 'COMPLETED') return 100;
  if (job.kind === 'OBJECT') return job.total ? Math.min(100, (job.done / job.total) * 100) : null;
  const parts = job.objects.map((object) => {
    const child = job.children[object];
    if (!child) return 0;
    if (FINISHED.has(child.status)) return 1;
    return child.total ? Math.min(1, child.done / child.total) : 0;
  });
  return job.objects.length ? (parts.reduce((a, b) => a + b, 0) / job.objects.length) * 100 : null;
}

function StartSyncCard(props: { objects: string[]; tracked: TrackedJob | null; onStarting: () => void; onStarted: (job: SyncJobFieldsFragment) => void; onCancelled: () => void }) {
  const [objects, setObjects] = useState<string[]>([]);
  const [mode, setMode] = useState<SyncMode>('INCREMENTAL');
  const [direction, setDirection] = useState<SyncRunDirection>('BOTH');
  const [started, startSync] = useMutation(StartSyncDocument);
  const [, cancelSync] = useMutation(CancelSyncDocument);
  const { tracked } = props;

  const start = async () => {
    props.onStarting();
    const result = await startSync({ input: { objects: objects.length ? objects : ['all'], mode, direction } });
    if (result.error) notifications.show({ color: 'red', title: 'The sync did not start', message: result.error.message });
    else if (result.data) props.onStarted(result.data.startSync);
  };
  const cancel = async (id: string) => {
    const result = await cancelSync({ id });
    if (result.error) notifications.show({ color: 'red', title: 'Could not cancel', message: result.error.message });
    else notifications.show({ color: 'gray', title: 'Cancelling', message: 'Running jobs stop at their next page.' });
    props.onCancelled();
  };
  const pct = tracked ? progressOf(tracked) : null;
  return (
    <Card withBorder padding="md" h="100%">
      <Stack gap="sm">
        <Text fw={600}>Start a sync</Text>
        <MultiSelect
          label="Objects"
          placeholder={objects.length ? undefined : 'All objects, parents first'}
          data={props.objects}
          value={objects}
          onChange={setObjects}
          clearable
          searchable
          data-testid="sync-objects"
        />
        <Group grow align="flex-end" wrap="wrap">
          <div style={{ flexBasis: 220 }}>
            <Text size="sm" fw={500} mb={4}>
              Mode
            </Text>
            <SegmentedControl
              fullWidth
              value={mode}
              onChange={(v) => setMode(v as SyncMode)}
              data={[
                { value: 'INCREMENTAL', label: 'Incremental' },
                { value: 'FULL', label: 'Full reload' },
              ]}
              data-testid="sync-mode"
            />
          </div>
          <div style={{ flexBasis: 380, flexGrow: 2 }}>
            <Text size="sm" fw={500} mb={4}>
              Direction
            </Text>
            <SegmentedControl
              fullWidth
              value={direction}
              onChange={(v) => setDirection(v as SyncRunDirection)}
              data={[
                { value: 'BOTH', label: 'Both' },
                { value: 'IN', label: 'Salesforce → graph' },
                { value: 'OUT', label: 'Graph → Salesforce' },
              ]}
              data-testid="sync-direction"
            />
          </div>
        </Group>
        <Group justify="flex-end">
          <Button onClick={() => void start()} loading={started.fetching} data-testid="start-sync">
            Start sync
          </Button>
        </Group>
        {tracked && (
          <Card withBorder padding="sm" bg="gray.0" data-testid="tracked-job" data-job-id={tracked.id}>
            <Group justify="space-between" mb={6}>
              <Group gap="xs">
                <Badge color={statusColor(tracked.status)} data-testid="tracked-status">
                  {humanize(tracked.status)}
                </Badge>
                <Text size="sm" fw={500}>
                  {tracked.objects.join(', ')}
                </Text>
              </Group>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {count(tracked.done)}
                  {tracked.total !== null && tracked.kind === 'OBJECT' ? ` of ${count(tracked.total)} records` : tracked.kind === 'RUN' ? ` of ${tracked.objects.length} objects` : ' records'} · {count(tracked.apiCalls)} API calls
                </Text>
                {!FINISHED.has(tracked.status) && (
                  <Button size="compact-xs" variant="light" color="red" onClick={() => void cancel(tracked.id)}>
                    Cancel
                  </Button>
                )}
              </Group>
            </Group>
            <Progress.Root size={22} radius="sm">
              <Progress.Section
                value={pct ?? 100}
                color={tracked.status === 'FAILED' ? 'red' : tracked.status === 'CANCELLED' ? 'gray' : tracked.status === 'COMPLETED' ? 'teal' : 'indigo'}
                striped={pct === null || !FINISHED.has(tracked.status)}
                animated={!FINISHED.has(tracked.status)}
                role="progressbar"
                aria-valuenow={pct === null ? undefined : Math.round(pct)}
                data-testid="sync-progress"
              >
                <Progress.Label>{pct === null ? 'counting…' : `${Math.floor(pct)} %`}</Progress.Label>
              </Progress.Section>
            </Progress.Root>
            <Text size="xs" c={tracked.error ? 'red' : 'dimmed'} mt={6}>
              {tracked.error ?? tracked.phase ?? 'queued'}
            </Text>
          </Card>
        )}
      </Stack>
    </Card>
  );
}

function ObjectsTable(props: { objects: SyncObject[] }) {
  return (
    <Card withBorder padding={0}>
      <Group p="md" pb="xs" justify="space-between">
        <Text fw={600}>Objects</Text>
        <Text size="xs" c="dimmed">
          Parents first. Records in and out are the last run&apos;s.
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={1000}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="sync-objects-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Object</Table.Th>
              <Table.Th>Direction</Table.Th>
              <Table.Th>Last run</Table.Th>
              <Table.Th>Watermark</Table.Th>
              <Table.Th ta="right">In</Table.Th>
              <Table.Th ta="right">Out</Table.Th>
              <Table.Th ta="right">Linked</Table.Th>
              <Table.Th ta="right">Pending</Table.Th>
              <Table.Th ta="right">Errors</Table.Th>
              <Table.Th ta="right">Conflicts</Table.Th>
              <Table.Th>Next run</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.objects.map((o) => (
              <Table.Tr key={o.object} data-object={o.object}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {o.object}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {o.sObject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.direction === 'BOTH' ? '⇄ both' : o.direction === 'INBOUND' ? '← in' : '→ out'}</Text>
                </Table.Td>
                <Table.Td>
                  {o.runningJobId ? (
                    <Badge color="blue" variant="light">
                      running
                    </Badge>
                  ) : o.lastJob ? (
                    <Tooltip label={`${humanize(o.lastJob.trigger)} · ${humanize(o.lastJob.mode)} · ${humanize(o.lastJob.direction)} · finished ${stamp(o.lastJob.finishedAt)}`}>
                      <Group gap={6} wrap="nowrap">
                        <Badge color={statusColor(o.lastJob.status)} variant="light">
                          {humanize(o.lastJob.status)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {relative(o.lastJob.finishedAt)}
                        </Text>
                      </Group>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      never
                    </Text>
                  )}
                  {o.lastError && (
                    <Text size="xs" c="red" lineClamp={1} title={o.lastError.message}>
                      {o.lastError.code}: {o.lastError.message}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{stamp(o.watermark)}</Text>
                  <Text size="xs" c="dimmed">
                    lag {seconds(o.lagSeconds)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{count(recordsIn(o.lastJob?.stats))}</Table.Td>
                <Table.Td ta="right">{count(recordsOut(o.lastJob?.stats))}</Table.Td>
                <Table.Td ta="right">{count(o.linked)}</Table.Td>
                <Table.Td ta="right">{count(o.pendingChanges)}</Table.Td>
                <Table.Td ta="right">
                  {o.openFailures > 0 ? (
                    <Anchor href={href('errors', { object: o.object })} c="red" fw={600}>
                      {count(o.openFailures)}
                    </Anchor>
                  ) : (
                    '0'
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {o.openConflicts > 0 ? (
                    <Anchor href={href('conflicts', { object: o.object })} c="orange" fw={600}>
                      {count(o.openConflicts)}
                    </Anchor>
                  ) : (
                    '0'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.nextScheduledAt ? relative(o.nextScheduledAt) : 'not scheduled'}</Text>
                  {o.scheduleMinutes && (
                    <Text size="xs" c="dimmed">
                      every {o.scheduleMinutes} min
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function RecentJobs(props: { jobs: (SyncJobFieldsFragment & { children: { id: string; objects: string[]; status: string }[] })[]; onCancelled: () => void }) {
  const [, cancelSync] = useMutation(CancelSyncDocument);
  const chart = [...props.jobs]
    .reverse()
    .filter((job) => job.startedAt)
    .map((job) => ({ job: `${stamp(job.queuedAt).slice(11)} ${job.objects.length > 2 ? `${job.objects.length} objects` : job.objects.join(', ')}`, In: recordsIn(job.stats), Out: recordsOut(job.stats), Failed: job.stats.failed + job.stats.pushFailed }));
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Card withBorder padding={0}>
          <Text fw={600} p="md" pb="xs">
            Recent jobs
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="sync-jobs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Queued</Table.Th>
                  <Table.Th>Objects</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">In / out</Table.Th>
                  <Table.Th ta="right">API calls</Table.Th>
                  <Table.Th>Took</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {props.jobs.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Text size="sm">{relative(job.queuedAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {job.requestedBy ?? humanize(job.trigger)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} title={job.objects.join(', ')}>
                        {job.objects.length > 3 ? `${job.objects.length} objects` : job.objects.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {humanize(job.mode)} · {humanize(job.direction)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor(job.status)} variant="light">
                        {humanize(job.status)}
                      </Badge>
                      {job.error && (
                        <Text size="xs" c="red" lineClamp={1} title={job.error.message}>
                          {job.error.message}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {count(recordsIn(job.stats))} / {count(recordsOut(job.stats))}
                    </Table.Td>
                    <Table.Td ta="right">{count(job.apiCalls)}</Table.Td>
                    <Table.Td>{duration(job.startedAt, job.finishedAt)}</Table.Td>
                    <Table.Td>
                      {!FINISHED.has(job.status) && !job.cancelRequested && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => void cancelSync({ id: job.id }).then(props.onCancelled)}>
                          Cancel
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {props.jobs.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text c="dimmed" size="sm" ta="center" py="md">
                        No sync has run yet.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Card withBorder padding="md" h="100%">
          <Text fw={600}>Records per job</Text>
          <Text size="xs" c="dimmed" mb="sm">
            Into the graph, out to Salesforce, and refused.
          </Text>
          {chart.length ? (
            <BarChart h={260} data={chart} dataKey="job" type="stacked" withLegend tickLine="none" xAxisProps={{ hide: true }} series={[{ name: 'In', color: 'indigo.6' }, { name: 'Out', color: 'teal.6' }, { name: 'Failed', color: 'red.6' }]} />
          ) : (
            <Text c="dimmed" size="sm">
              Nothing to chart yet.
            </Text>
          )}
        </Card>
      </Grid.Col>
    </Grid>
  );
}
