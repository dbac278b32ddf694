import { Alert, Anchor, Badge, Button, Card, Code, Collapse, Grid, Group, SegmentedControl, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RedeliverWebhookDeliveryDocument, WebhookDeliveriesDocument, WebhooksDocument, type WebhookDeliveryStatus, type WebhooksQuery } from '../__generated__/graphql.ts';
import { count, duration, humanize, relative, stamp, statusColor } from '../lib/format.ts';
import type { Session } from '../lib/session.ts';

type Subscription = WebhooksQuery['webhookSubscriptions']['nodes'][number];

/** Webhook subscriptions the caller may see (a partner: its own dealer's) and their deliveries, redelivered from here. */
export function WebhooksPage(props: { session: Session }) {
  const [result] = useQuery({ query: WebhooksDocument, requestPolicy: 'cache-and-network' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const subscriptions = result.data?.webhookSubscriptions.nodes ?? [];
  const selected = subscriptions.find((s) => s.id === selectedId) ?? subscriptions[0] ?? null;
  const partner = props.session.roles.includes('partner');
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Webhooks</Title>
        <Text c="dimmed" size="sm">
          {partner ? 'Your endpoints, the events sent to them and how each delivery went.' : 'Every endpoint registered with the graph, the events sent to them and how each delivery went.'} A delivery that ran out of attempts can be sent again.
        </Text>
      </div>
      {result.error && (
        <Alert color="red" title="The graph did not answer">
          {result.error.message}
        </Alert>
      )}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding={0}>
            <Text fw={600} p="md" pb="xs">
              {count(result.data?.webhookSubscriptions.totalCount ?? 0)} subscription{result.data?.webhookSubscriptions.totalCount === 1 ? '' : 's'}
            </Text>
            <Stack gap={0} data-testid="webhook-list">
              {subscriptions.map((s) => (
                <SubscriptionRow key={s.id} subscription={s} active={s.id === selected?.id} onClick={() => setSelectedId(s.id)} />
              ))}
              {subscriptions.length === 0 && !result.fetching && (
                <Text c="dimmed" size="sm" p="md">
                  No webhook is registered{partner ? ' for your dealer' : ''}. Register one with the <Code>createWebhookSubscription</Code> mutation (see the <Anchor href="/">GraphQL IDE</Anchor>).
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>{selected ? <Deliveries key={selected.id} subscription={selected} /> : null}</Grid.Col>
      </Grid>
    </Stack>
  );
}

function SubscriptionRow(props: { subscription: Subscription; active: boolean; onClick: () => void }) {
  const s = props.subscription;
  return (
    <UnstyledButton onClick={props.onClick} px="md" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', background: props.active ? 'var(--mantine-color-indigo-0)' : undefined }} data-webhook={s.id}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={500} truncate="end" maw={230} title={s.url}>
          {s.url.replace(/^https?:\/\//, '')}
        </Text>
        <Badge size="xs" color={statusColor(s.status)} variant="light">
          {humanize(s.status)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {s.dealer ? `${s.dealer.name} · ` : 'internal · '}
        {s.eventTypes.join(', ')}
      </Text>
    </UnstyledButton>
  );
}

const FILTERS: { value: string; label: string; status: WebhookDeliveryStatus[] | null }[] = [
  { value: 'all', label: 'All', status: null },
  { value: 'dead', label: 'Dead-lettered', status: ['DEAD_LETTERED'] },
  { value: 'retrying', label: 'Retrying', status: ['PENDING', 'RETRYING', 'HELD'] },
  { value: 'succeeded', label: 'Delivered', status: ['SUCCEEDED'] },
];

function Deliveries(props: { subscription: Subscription }) {
  const s = props.subscription;
  const [filter, setFilter] = useState('all');
  const [expanded, setExpanded] = useState<string | null>(null);
  const status = FILTERS.find((f) => f.value === filter)?.status ?? null;
  const [result, reexecute] = useQuery({ query: WebhookDeliveriesDocument, variables: { subscriptionId: s.id, first: 50, ...(status ? { status } : {}) }, requestPolicy: 'cache-and-network' });
  const [redelivering, redeliver] = useMutation(RedeliverWebhookDeliveryDocument);
  const deliveries = result.data?.webhookDeliveries.nodes ?? [];
  // Deliveries on their way change without an event the page hears: look again every three seconds until they land.
  const moving = deliveries.some((d) => d.status === 'PENDING' || d.status === 'RETRYING');
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), 3000);
    return () => clearInterval(timer);
  }, [moving, reexecute]);

  const send = async (id: string) => {
    const outcome = await redeliver({ id });
    if (outcome.error) return void notifications.show({ color: 'red', title: 'Not redelivered', message: outcome.error.graphQLErrors[0]?.message ?? outcome.error.message });
    notifications.show({ color: 'indigo', title: 'Redelivery queued', message: `Delivery ${id} is ${humanize(outcome.data!.redeliverWebhookDelivery.status).toLowerCase()}.` });
    reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <Card withBorder padding={0} data-testid="webhook-deliveries">
      <Stack gap={4} p="md" pb="xs">
        <Group justify="space-between">
          <Text fw={600} style={{ wordBreak: 'break-all' }}>
            {s.url}
          </Text>
          <SegmentedControl size="xs" value={filter} onChange={setFilter} data={FILTERS.map(({ value, label }) => ({ value, label }))} />
        </Group>
        <Text size="xs" c="dimmed">
          {s.description ? `${s.description} · ` : ''}registered {stamp(s.createdAt)} · {s.eventTypes.length} event type{s.eventTypes.length === 1 ? '' : 's'}
        </Text>
      </Stack>
      {result.error && (
        <Alert color="red" m="md">
          {result.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Occurred</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Attempts</Table.Th>
              <Table.Th>Last answer</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.map((d) => (
              <Fragment key={d.id}>
                <Table.Tr data-delivery={d.id} onClick={() => setExpanded(expanded === d.id ? null : d.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {d.eventType}
                    </Text>
                    <Code fz="xs">{d.eventId.slice(0, 8)}</Code>
                  </Table.Td>
                  <Table.Td>{relative(d.occurredAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor(d.status)} variant="light">
                      {humanize(d.status)}
                    </Badge>
                    {d.nextAttemptAt && (
                      <Text size="xs" c="dimmed">
                        next {relative(d.nextAttemptAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{d.attemptCount}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={d.lastError ? 'red' : undefined} lineClamp={1}>
                      {d.deliveredAt ? `HTTP ${d.lastStatusCode} · ${relative(d.deliveredAt)}` : (d.lastError ?? '—')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {d.status === 'DEAD_LETTERED' && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={redelivering.fetching}
                        onClick={(e) => {
                          e.stopPropagation();
                          void send(d.id);
                        }}
                      >
                        Redeliver
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr style={{ display: expanded === d.id ? undefined : 'none' }}>
                  <Table.Td colSpan={6} bg="gray.0">
                    <Collapse in={expanded === d.id}>
                      <Table fz="xs" withRowBorders={false}>
                        <Table.Tbody>
                          {d.attempts.map((a) => (
                            <Table.Tr key={a.number}>
                              <Table.Td w={40}>#{a.number}</Table.Td>
                              <Table.Td>{stamp(a.startedAt)}</Table.Td>
                              <Table.Td>{duration(a.startedAt, new Date(new Date(a.startedAt).getTime() + a.durationMs).toISOString())}</Table.Td>
                              <Table.Td c={a.succeeded ? 'teal' : 'red'}>{a.succeeded ? `HTTP ${a.statusCode}` : (a.error ?? `HTTP ${a.statusCode}`)}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Collapse>
                  </Table.Td>
                </Table.Tr>
              </Fragment>
            ))}
            {deliveries.length === 0 && !result.fetching && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    No deliveries{status ? ' in this state' : ' yet'}.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
