import { Alert, Badge, Card, Code, Grid, Group, Image, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { count, stamp } from '../lib/format.ts';

/**
 * The query the console sends once the graph has a `processMap` root field (the insights subgraph). It is not in the
 * typed operations because codegen checks those against today's supergraph, which lacks it: when insights merges, the
 * field's real shape replaces this one and the query moves to `src/graphql/insights.graphql`.
 */
export const PROCESS_MAP_QUERY = `query ProcessMap($filter: ProcessMapFilter) {
  processMap(filter: $filter) {
    svg
    caseCount
    variants { id activities count share }
    violations { rule caseId description occurredAt }
  }
}`;

interface ProcessMapData {
  processMap: {
    svg: string;
    caseCount: number;
    variants: { id: string; activities: string[]; count: number; share: number }[];
    violations: { rule: string; caseId: string; description: string; occurredAt: string }[];
  } | null;
}

export function ProcessMapPage(props: { available: boolean }) {
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Process map</Title>
        <Text c="dimmed" size="sm">
          Lead to cash as it really runs: the directly-follows map of the event log, its variants and the deals that broke the rules.
        </Text>
      </div>
      {props.available ? (
        <ProcessMap />
      ) : (
        <Alert color="gray" title="Not available" data-testid="process-map-unavailable">
          The graph has no process map yet: the supergraph has no <Code>processMap</Code> field (it comes with the insights subgraph). This page lights up by itself once the gateway serves a supergraph that has it.
        </Alert>
      )}
    </Stack>
  );
}

function ProcessMap() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [view, setView] = useState<'variants' | 'violations'>('variants');
  const filter = useMemo(() => (from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : null), [from, to]);
  const [result] = useQuery<ProcessMapData>({ query: PROCESS_MAP_QUERY, variables: { filter } });
  const map = result.data?.processMap;
  // The picture is shown as an image, never inserted as markup: an SVG cannot run scripts from an <img>.
  const src = map ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(map.svg)}` : null;
  return (
    <>
      <Card withBorder padding="md">
        <Group align="flex-end">
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          {map && <Badge variant="light">{count(map.caseCount)} cases</Badge>}
        </Group>
      </Card>
      {result.error && (
        <Alert color="red" title="The process map could not be read">
          {result.error.message}
        </Alert>
      )}
      {src && (
        <Card withBorder padding="md">
          <Image src={src} alt="Process map" fit="contain" mah={560} />
        </Card>
      )}
      {map && (
        <Grid>
          <Grid.Col span={12}>
            <SegmentedControl value={view} onChange={(v) => setView(v as typeof view)} data={[{ value: 'variants', label: `Variants (${map.variants.length})` }, { value: 'violations', label: `Violations (${map.violations.length})` }]} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Card withBorder padding={0}>
              {view === 'variants' ? (
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Variant</Table.Th>
                      <Table.Th ta="right">Cases</Table.Th>
                      <Table.Th ta="right">Share</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {map.variants.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Td>
                          <Text size="sm">{v.activities.join(' → ')}</Text>
                        </Table.Td>
                        <Table.Td ta="right">{count(v.count)}</Table.Td>
                        <Table.Td ta="right">{(v.share * 100).toFixed(1)} %</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Rule</Table.Th>
                      <Table.Th>Case</Table.Th>
                      <Table.Th>What happened</Table.Th>
                      <Table.Th>When</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {map.violations.map((v) => (
                      <Table.Tr key={`${v.rule}-${v.caseId}-${v.occurredAt}`}>
                        <Table.Td>
                          <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                            {v.rule}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Code fz="xs">{v.caseId}</Code>
                        </Table.Td>
                        <Table.Td>{v.description}</Table.Td>
                        <Table.Td>{stamp(v.occurredAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
