import { Alert, Badge, Card, Code, Grid, Group, Image, Loader, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import {
  DealersDocument,
  ProcessMapDocument,
  ProcessMetricsChangedDocument,
  type ProcessMapWeight,
  type ProcessFilter,
  type ProcessMapQuery,
} from '../__generated__/graphql.ts';
import { count, seconds, stamp } from '../lib/format.ts';

/** How often, at most, the page reads the analyses again while events keep arriving, in ms. */
const REFRESH_EVERY_MS = 2_000;

/** `available`: whether the graph has a process map; null while the console is still asking. */
export function ProcessMapPage(props: { available: boolean | null }) {
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Process map</Title>
        <Text c="dimmed" size="sm">
          Lead to cash as it really runs: the directly-follows map of the event log, its variants and the deals that broke the rules. It follows the log live.
        </Text>
      </div>
      {props.available === null ? (
        <Loader />
      ) : props.available ? (
        <ProcessMap />
      ) : (
        <Alert color="gray" title="Not available" data-testid="process-map-unavailable">
          The graph has no process map: the supergraph has no <Code>processMap</Code> field (it comes with the insights subgraph). This page lights up by itself once the gateway serves a supergraph that has it.
        </Alert>
      )}
    </Stack>
  );
}

function ProcessMap() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [dealer, setDealer] = useState<string | null>(null);
  const [weight, setWeight] = useState<ProcessMapWeight>('FREQUENCY');
  const [minFrequency, setMinFrequency] = useState(1);
  const [view, setView] = useState<'variants' | 'violations'>('variants');
  const filter = useMemo<ProcessFilter | null>(() => {
    const f: ProcessFilter = {};
    // Dates are whole days in UTC: from the start of `from` to the end of `to`.
    if (from) f.from = `${from}T00:00:00.000Z`;
    if (to) f.to = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
    if (dealer) f.dealerIds = [dealer];
    return Object.keys(f).length ? f : null;
  }, [from, to, dealer]);
  const [result, reexecute] = useQuery({ query: ProcessMapDocument, variables: { filter, weight, minFrequency } });
  const [dealers] = useQuery({ query: DealersDocument });
  useLiveRefresh(() => reexecute({ requestPolicy: 'network-only' }));
  const data = result.data;
  const map = data?.processMap;
  // The picture is shown as an image, never inserted as markup: an SVG cannot run scripts from an <img>.
  const src = map ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(map.svg)}` : null;
  const violations = data ? data.conformance.rules.reduce((n, r) => n + r.caseCount, 0) : 0;
  return (
    <>
      <Card withBorder padding="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="process-from" />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="process-to" />
          {dealers.data && (
            <Select
              label="Dealer"
              placeholder="Every dealer"
              clearable
              searchable
              value={dealer}
              onChange={setDealer}
              data={dealers.data.accounts.nodes.map((a) => ({ value: a.id, label: a.name }))}
              data-testid="process-dealer"
            />
          )}
          <NumberInput label="Edges seen at least" min={1} value={minFrequency} onChange={(v) => setMinFrequency(typeof v === 'number' && v >= 1 ? v : 1)} w={150} />
          <SegmentedControl
            value={weight}
            onChange={(v) => setWeight(v as ProcessMapWeight)}
            data={[
              { value: 'FREQUENCY', label: 'By frequency' },
              { value: 'DURATION', label: 'By time' },
            ]}
          />
          {result.fetching && <Loader size="sm" />}
        </Group>
      </Card>
      {result.error && (
        <Alert color="red" title="The process map could not be read">
          {result.error.message}
        </Alert>
      )}
      {map && data && (
        <Group gap="xs" data-testid="process-figures">
          <Badge variant="light" size="lg">{count(map.caseCount)} cases</Badge>
          <Badge variant="light" size="lg">{count(map.eventCount)} events</Badge>
          <Badge variant="light" size="lg">{count(data.processVariants.variantCount)} variants</Badge>
          <Badge variant="light" size="lg" color={violations ? 'red' : 'teal'}>
            {data.conformance.conformance === null ? 'no cases checked' : `${(data.conformance.conformance * 100).toFixed(1)} % conforming`}
          </Badge>
        </Group>
      )}
      {src && (
        <Card withBorder padding="md">
          <Image src={src} alt="Process map" fit="contain" mah={560} data-testid="process-map-image" />
        </Card>
      )}
      {data && (
        <Grid>
          <Grid.Col span={12}>
            <SegmentedControl
              value={view}
              onChange={(v) => setView(v as typeof view)}
              data={[
                { value: 'variants', label: `Variants (${data.processVariants.variants.length})` },
                { value: 'violations', label: `Violations (${violations})` },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Card withBorder padding={0}>{view === 'variants' ? <Variants data={data} /> : <Violations data={data} />}</Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}

function Variants({ data }: { data: ProcessMapQuery }) {
  if (!data.processVariants.variants.length) return <Text p="md" c="dimmed">No cases match the filter.</Text>;
  return (
    <Table verticalSpacing="xs" data-testid="process-variants">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Variant</Table.Th>
          <Table.Th ta="right">Cases</Table.Th>
          <Table.Th ta="right">Share</Table.Th>
          <Table.Th ta="right">Mean duration</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.processVariants.variants.map((v) => (
          <Table.Tr key={v.activities.join('>')}>
            <Table.Td>
              <Text size="sm">{v.activities.join(' → ')}</Text>
            </Table.Td>
            <Table.Td ta="right">{count(v.cases)}</Table.Td>
            <Table.Td ta="right">{(v.share * 100).toFixed(1)} %</Table.Td>
            <Table.Td ta="right">{seconds(v.meanDurationSeconds)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Violations({ data }: { data: ProcessMapQuery }) {
  const rows = data.conformance.rules.flatMap((rule) => rule.cases.map((c) => ({ rule, c })));
  if (!rows.length) return <Text p="md" c="dimmed" data-testid="process-no-violations">No case broke a rule ({count(data.conformance.casesChecked)} checked).</Text>;
  return (
    <Table verticalSpacing="xs" data-testid="process-violations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Rule</Table.Th>
          <Table.Th>Case</Table.Th>
          <Table.Th>What happened</Table.Th>
          <Table.Th>When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ rule, c }) => (
          <Table.Tr key={`${rule.rule}-${c.caseId}-${c.at}`} data-rule={rule.rule}>
            <Table.Td>
              <Badge color="red" variant="light" style={{ textTransform: 'none' }} title={rule.description}>
                {rule.rule.toLowerCase().replaceAll('_', ' ')}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Code fz="xs">{c.caseId}</Code>
            </Table.Td>
            <Table.Td>{c.detail}</Table.Td>
            <Table.Td>{stamp(c.at)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Reads the analyses again when the log gains events (`processMetricsChanged`), at most once per REFRESH_EVERY_MS
 * however fast the events come.
 */
function useLiveRefresh(refresh: () => void) {
  const latest = useRef(refresh);
  latest.current = refresh;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [{ data }] = useSubscription({ query: ProcessMetricsChangedDocument });
  const eventId = data?.processMetricsChanged.id;
  useEffect(() => {
    if (!eventId || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, REFRESH_EVERY_MS);
  }, [eventId]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
}
