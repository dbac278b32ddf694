import { Alert, Badge, Button, Card, Code, Grid, Group, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ResolveSyncConflictDocument, SyncConflictsDocument, SyncOverviewDocument, type SyncConflictFieldsFragment, type SyncConflictStatus } from '../__generated__/graphql.ts';
import { humanize, relative, stamp, statusColor } from '../lib/format.ts';

/** Records changed on both sides: the three versions side by side, resolved by keeping a side or editing the result. */
export function ConflictsPage(props: { params: URLSearchParams }) {
  const [object, setObject] = useState<string | null>(props.params.get('object'));
  const [status, setStatus] = useState<SyncConflictStatus>('OPEN');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [objects] = useQuery({ query: SyncOverviewDocument });
  const [result, reexecute] = useQuery({ query: SyncConflictsDocument, variables: { filter: { status, ...(object ? { object } : {}) }, first: 100 }, requestPolicy: 'cache-and-network' });
  const conflicts = result.data?.syncConflicts.nodes ?? [];
  const selected = conflicts.find((c) => c.id === selectedId) ?? conflicts[0] ?? null;

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Sync conflicts</Title>
        <Text c="dimmed" size="sm">
          Records changed on both sides since they were last in step. Objects with the manual policy wait here; the others were settled by their policy and are on record.
        </Text>
      </div>
      <Card withBorder padding="md">
        <Group align="flex-end">
          <Select label="Object" placeholder="All objects" data={(objects.data?.syncObjects ?? []).map((o) => o.object)} value={object} onChange={setObject} clearable w={200} />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Status
            </Text>
            <SegmentedControl value={status} onChange={(v) => setStatus(v as SyncConflictStatus)} data={[{ value: 'OPEN', label: 'Open' }, { value: 'RESOLVED', label: 'Resolved' }]} />
          </div>
        </Group>
      </Card>
      {result.error && (
        <Alert color="red" title="The graph did not answer">
          {result.error.message}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <Card withBorder padding={0}>
            <Text fw={600} p="md" pb="xs">
              {conflicts.length} {status === 'OPEN' ? 'open' : 'resolved'} conflict{conflicts.length === 1 ? '' : 's'}
            </Text>
            <Stack gap={0} data-testid="conflicts-list">
              {conflicts.map((c) => (
                <UnstyledButton
                  key={c.id}
                  onClick={() => setSelectedId(c.id)}
                  px="md"
                  py="xs"
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)', background: c.id === selected?.id ? 'var(--mantine-color-indigo-0)' : undefined }}
                  data-conflict={c.id}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <div>
                      <Text size="sm" fw={500}>
                        {c.object} <Code fz="xs">{c.localId.slice(0, 8)}</Code>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.fields.join(', ')} · {relative(c.detectedAt)}
                      </Text>
                    </div>
                    <Badge size="xs" variant="light" color={c.policy === 'manual' ? 'orange' : 'gray'}>
                      {c.policy.replace('_', ' ')}
                    </Badge>
                  </Group>
                </UnstyledButton>
              ))}
              {conflicts.length === 0 && !result.fetching && (
                <Text c="dimmed" size="sm" p="md" data-testid="conflicts-empty">
                  No {status === 'OPEN' ? 'open' : 'resolved'} conflicts.
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
          {selected ? (
            <ConflictDetail key={selected.id} conflict={selected} onResolved={() => reexecute({ requestPolicy: 'network-only' })} />
          ) : (
            <Card withBorder padding="xl">
              <Text c="dimmed">Pick a conflict to compare its versions.</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ConflictDetail(props: { conflict: SyncConflictFieldsFragment; onResolved: () => void }) {
  const { conflict } = props;
  const [editing, setEditing] = useState(false);
  const [allFields, setAllFields] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(conflict.versions.map((v) => [v.field, v.local ?? ''])));
  const [state, resolve] = useMutation(ResolveSyncConflictDocument);
  useEffect(() => setValues(Object.fromEntries(conflict.versions.map((v) => [v.field, v.local ?? '']))), [conflict]);
  const open = conflict.status === 'OPEN';
  const rows = useMemo(() => conflict.versions.filter((v) => allFields || v.inConflict || v.local !== v.salesforce), [conflict, allFields]);

  const submit = async (keep: 'LOCAL' | 'SALESFORCE', withEdits: boolean) => {
    const edits = withEdits ? conflict.versions.filter((v) => (values[v.field] ?? '') !== (v.local ?? '')).map((v) => ({ field: v.field, value: values[v.field] === '' ? null : values[v.field]! })) : [];
    const outcome = await resolve({ id: conflict.id, keep, ...(edits.length ? { values: edits } : {}) });
    if (outcome.error) {
      notifications.show({ color: 'red', title: 'Not resolved', message: outcome.error.graphQLErrors[0]?.message ?? outcome.error.message });
      return;
    }
    notifications.show({ color: 'teal', title: 'Conflict resolved', message: keep === 'SALESFORCE' ? 'Salesforce’s version was written to the graph.' : edits.length ? `The edited version (${edits.map((e) => e.field).join(', ')}) is kept and goes to Salesforce.` : 'The graph’s version is kept and goes to Salesforce.' });
    props.onResolved();
  };

  return (
    <Card withBorder padding="md" data-testid="conflict-detail">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Text fw={600}>
            {conflict.object} <Code>{conflict.localId}</Code>
          </Text>
          <Text size="xs" c="dimmed">
            Salesforce Id {conflict.sfId} · detected {stamp(conflict.detectedAt)} · policy {conflict.policy.replace('_', ' ')}
          </Text>
        </div>
        <Badge color={statusColor(conflict.status)} variant="light">
          {conflict.resolution ? `kept ${conflict.resolution.toLowerCase()}` : humanize(conflict.status)}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={editing ? 760 : 560}>
      <Table withColumnBorders verticalSpacing="xs" layout="fixed" data-testid="conflict-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Field</Table.Th>
            <Table.Th>Last agreed</Table.Th>
            <Table.Th>
              Graph
              <Text size="xs" c="dimmed" fw={400} style={{ whiteSpace: 'normal' }}>
                changed {stamp(conflict.localModifiedAt)}
              </Text>
            </Table.Th>
            <Table.Th>
              Salesforce
              <Text size="xs" c="dimmed" fw={400} style={{ whiteSpace: 'normal' }}>
                changed {stamp(conflict.salesforceModifiedAt)}
              </Text>
            </Table.Th>
            {editing && <Table.Th>Result</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((v) => (
            <Table.Tr key={v.field} data-field={v.field} bg={v.inConflict ? 'orange.0' : undefined}>
              <Table.Td>
                <Text size="sm" fw={v.inConflict ? 600 : 400}>
                  {v.field}
                </Text>
                {v.inConflict && (
                  <Badge size="xs" color="orange" variant="light">
                    in conflict
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Value text={v.base} />
              </Table.Td>
              <Table.Td>
                <Value text={v.local} strong={v.inConflict} />
              </Table.Td>
              <Table.Td>
                <Value text={v.salesforce} strong={v.inConflict} />
              </Table.Td>
              {editing && (
                <Table.Td>
                  <TextInput size="xs" value={values[v.field] ?? ''} onChange={(e) => setValues({ ...values, [v.field]: e.currentTarget.value })} aria-label={`Result for ${v.field}`} data-testid={`result-${v.field}`} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="md">
        <Switch size="xs" label="Show fields both sides agree on" checked={allFields} onChange={(e) => setAllFields(e.currentTarget.checked)} />
        {open ? (
          <Group gap="xs">
            {editing ? (
              <>
                <Button variant="default" size="xs" onClick={() => setEditing(false)}>
                  Cancel edit
                </Button>
                <Button size="xs" loading={state.fetching} onClick={() => void submit('LOCAL', true)} data-testid="save-edited">
                  Save edited version
                </Button>
              </>
            ) : (
              <>
                <Button variant="default" size="xs" onClick={() => setEditing(true)} data-testid="edit-conflict">
                  Edit…
                </Button>
                <Button variant="light" size="xs" loading={state.fetching} onClick={() => void submit('LOCAL', false)} data-testid="keep-local">
                  Keep graph’s
                </Button>
                <Button size="xs" loading={state.fetching} onClick={() => void submit('SALESFORCE', false)} data-testid="keep-salesforce">
                  Keep Salesforce’s
                </Button>
              </>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Resolved {stamp(conflict.resolvedAt)} by {conflict.resolvedBy ?? 'policy'}
          </Text>
        )}
      </Group>
    </Card>
  );
}

function Value(props: { text: string | null; strong?: boolean }) {
  return props.text === null ? (
    <Text size="sm" c="dimmed" fs="italic">
      empty
    </Text>
  ) : (
    <Text size="sm" fw={props.strong ? 600 : 400} style={{ wordBreak: 'break-word' }}>
      {props.text}
    </Text>
  );
}
