import { Alert, Badge, Button, Card, Checkbox, Code, Group, MultiSelect, SegmentedControl, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RetrySyncErrorsDocument, SkipSyncErrorsDocument, SyncErrorsDocument, SyncOverviewDocument, type SyncErrorsQuery, type SyncFailureStatus } from '../__generated__/graphql.ts';
import { count, humanize, relative, stamp, statusColor } from '../lib/format.ts';
import { useSyncJobEvents } from '../lib/syncEvents.ts';

type Failure = SyncErrorsQuery['syncErrors']['nodes'][number];
const PAGE = 50;

/** The per-record error queue: what Salesforce (or the store) refused, with its code and fields; retried or skipped. */
export function ErrorsPage(props: { params: URLSearchParams }) {
  const [object, setObject] = useState<string | null>(props.params.get('object'));
  const [direction, setDirection] = useState<'ALL' | 'INBOUND' | 'OUTBOUND'>('ALL');
  const [status, setStatus] = useState<SyncFailureStatus[]>(['OPEN', 'RETRYING']);
  const [errorCode, setErrorCode] = useState('');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [debouncedCode] = useDebouncedValue(errorCode.trim(), 300);
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<Failure[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const filter = useMemo(
    () => ({
      ...(object ? { object } : {}),
      ...(direction !== 'ALL' ? { direction } : {}),
      ...(status.length ? { status } : {}),
      ...(debouncedCode ? { errorCode: debouncedCode } : {}),
      ...(debouncedSearch.trim() ? { search: debouncedSearch.trim() } : {}),
    }),
    [object, direction, status, debouncedCode, debouncedSearch],
  );
  const [objects] = useQuery({ query: SyncOverviewDocument });
  const [result, reexecute] = useQuery({ query: SyncErrorsDocument, variables: { filter, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const [retrying, retry] = useMutation(RetrySyncErrorsDocument);
  const [skipping, skip] = useMutation(SkipSyncErrorsDocument);

  // A new filter starts from the first page with nothing selected.
  useEffect(() => {
    setAfter(null);
    setPages([]);
    setSelected(new Set());
  }, [filter]);
  const reload = () => {
    setPages([]);
    setAfter(null);
    reexecute({ requestPolicy: 'network-only' });
  };
  // A finished sync job may have resolved (or added) failures.
  useSyncJobEvents((event) => {
    if (['SYNC_JOB_COMPLETED', 'SYNC_JOB_FAILED', 'SYNC_JOB_CANCELLED'].includes(event.type)) reload();
  });

  const current = result.data?.syncErrors;
  const rows = useMemo(() => {
    const seen = new Set(pages.map((f) => f.id));
    return [...pages, ...(current?.nodes ?? []).filter((f) => !seen.has(f.id))];
  }, [pages, current]);
  const actionable = rows.filter((f) => f.status === 'OPEN' || f.status === 'RETRYING');
  const chosen = rows.filter((f) => selected.has(f.id));

  const act = async (kind: 'retry' | 'skip', ids: string[]) => {
    const outcome = kind === 'retry' ? await retry({ ids }) : await skip({ ids });
    if (outcome.error) {
      notifications.show({ color: 'red', title: kind === 'retry' ? 'Retry refused' : 'Skip refused', message: outcome.error.message });
      return;
    }
    if (kind === 'retry' && outcome.data && 'retrySyncErrors' in outcome.data) {
      const jobs = outcome.data.retrySyncErrors;
      notifications.show({ color: 'indigo', title: `Retrying ${ids.length} record${ids.length === 1 ? '' : 's'}`, message: `${jobs.length} sync job${jobs.length === 1 ? '' : 's'} started for ${[...new Set(jobs.flatMap((j) => j.objects))].join(', ')}.` });
    } else {
      notifications.show({ color: 'gray', title: `Skipped ${ids.length} record${ids.length === 1 ? '' : 's'}`, message: 'They are left alone until they change again.' });
    }
    setSelected(new Set());
    reload();
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Sync errors</Title>
        <Text c="dimmed" size="sm">
          Records Salesforce or the store refused, with the error code and the fields it names. Retry once the cause is fixed, or skip until the record changes again.
        </Text>
      </div>
      <Card withBorder padding="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select label="Object" placeholder="All objects" data={(objects.data?.syncObjects ?? []).map((o) => o.object)} value={object} onChange={setObject} clearable w={190} data-testid="errors-object" />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Direction
            </Text>
            <SegmentedControl value={direction} onChange={(v) => setDirection(v as typeof direction)} data={[{ value: 'ALL', label: 'All' }, { value: 'INBOUND', label: 'Inbound' }, { value: 'OUTBOUND', label: 'Outbound' }]} />
          </div>
          <MultiSelect label="Status" data={['OPEN', 'RETRYING', 'SKIPPED', 'RESOLVED'].map((s) => ({ value: s, label: humanize(s) }))} value={status} onChange={(v) => setStatus(v as SyncFailureStatus[])} w={260} />
          <TextInput label="Error code" placeholder="e.g. STRING_TOO_LONG" value={errorCode} onChange={(e) => setErrorCode(e.currentTarget.value)} w={230} />
          <TextInput label="Search" placeholder="Record id, field, message…" value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: 1, minWidth: 220 }} data-testid="errors-search" />
        </Group>
      </Card>
      {result.error && (
        <Alert color="red" title="The graph did not answer">
          {result.error.message}
        </Alert>
      )}
      <Card withBorder padding={0}>
        <Group p="md" pb="xs" justify="space-between">
          <Text fw={600}>
            {count(rows.length)}
            {current?.pageInfo.hasNextPage ? '+' : ''} record{rows.length === 1 ? '' : 's'}
          </Text>
          <Group gap="xs">
            <Button size="xs" disabled={chosen.length === 0} loading={retrying.fetching} onClick={() => void act('retry', chosen.map((f) => f.id))} data-testid="retry-selected">
              Retry selected ({chosen.length})
            </Button>
            <Button size="xs" variant="default" disabled={chosen.length === 0} loading={skipping.fetching} onClick={() => void act('skip', chosen.map((f) => f.id))} data-testid="skip-selected">
              Skip selected ({chosen.length})
            </Button>
          </Group>
        </Group>
        <Table.ScrollContainer minWidth={1100}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="errors-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="Select every actionable record"
                    checked={actionable.length > 0 && actionable.every((f) => selected.has(f.id))}
                    indeterminate={chosen.length > 0 && chosen.length < actionable.length}
                    onChange={(e) => setSelected(new Set(e.currentTarget.checked ? actionable.map((f) => f.id) : []))}
                  />
                </Table.Th>
                <Table.Th>Object</Table.Th>
                <Table.Th>Record</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th>Fields</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th ta="right">Attempts</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((f) => {
                const open = f.status === 'OPEN' || f.status === 'RETRYING';
                return (
                  <Table.Tr key={f.id} data-failure={f.id} data-local-id={f.localId ?? ''}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${f.localId ?? f.sfId ?? f.id}`}
                        disabled={!open}
                        checked={selected.has(f.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.currentTarget.checked) next.add(f.id);
                          else next.delete(f.id);
                          setSelected(next);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {f.object}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.direction === 'OUTBOUND' ? 'graph → Salesforce' : 'Salesforce → graph'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code fz="xs">{f.localId ?? '—'}</Code>
                      <Text size="xs" c="dimmed">
                        {f.sfId ?? 'not in Salesforce'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color="red" variant="light" radius="xs" style={{ textTransform: 'none' }}>
                        {f.errorCode}
                      </Badge>
                      {f.retryable && (
                        <Text size="xs" c="dimmed">
                          retryable
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {f.fields.map((field) => (
                          <Badge key={field} variant="outline" color="gray" radius="xs" style={{ textTransform: 'none' }}>
                            {field}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td miw={260} maw={420}>
                      <Text size="sm" lineClamp={3} title={f.message}>
                        {f.message}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{f.attempts}</Table.Td>
                    <Table.Td>
                      <Tooltip label={`first seen ${stamp(f.firstSeenAt)}`}>
                        <Text size="sm">{relative(f.lastSeenAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor(f.status)} variant="light" data-testid="failure-status">
                        {humanize(f.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {open && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-xs" variant="light" onClick={() => void act('retry', [f.id])}>
                            Retry
                          </Button>
                          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void act('skip', [f.id])}>
                            Skip
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {rows.length === 0 && !result.fetching && (
                <Table.Tr>
                  <Table.Td colSpan={10}>
                    <Text c="dimmed" size="sm" ta="center" py="lg" data-testid="errors-empty">
                      No failed records match.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {current?.pageInfo.hasNextPage && (
          <Group justify="center" p="sm">
            <Button
              variant="subtle"
              onClick={() => {
                setPages(rows);
                setAfter(current.pageInfo.endCursor);
              }}
            >
              Load more
            </Button>
          </Group>
        )}
      </Card>
    </Stack>
  );
}
