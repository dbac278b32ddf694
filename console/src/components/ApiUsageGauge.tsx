import { Card, Group, RingProgress, Stack, Text, Tooltip } from '@mantine/core';
import { count } from '../lib/format.ts';

/** The org's daily API allowance as a gauge: green, then yellow past 70 %, red inside the reserve the sync leaves. */
export function ApiUsageGauge(props: { usage: { used: number; limit: number; reserve: number } | null }) {
  const { usage } = props;
  if (!usage) {
    return (
      <Card withBorder padding="md" h="100%">
        <Text fw={600}>API usage</Text>
        <Text c="dimmed" size="sm" mt="xs">
          The org has not reported its allowance yet.
        </Text>
      </Card>
    );
  }
  const share = usage.limit > 0 ? (usage.used / usage.limit) * 100 : 0;
  const inReserve = usage.limit - usage.used <= usage.reserve;
  const color = inReserve ? 'red' : share >= 70 ? 'yellow' : 'teal';
  const reserveShare = usage.limit > 0 ? (usage.reserve / usage.limit) * 100 : 0;
  return (
    <Card withBorder padding="md" h="100%" data-testid="api-usage">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text fw={600}>API usage today</Text>
          <Text size="xl" fw={700} data-testid="api-usage-used">
            {count(usage.used)} <Text span c="dimmed" size="sm" fw={400}>of {count(usage.limit)} calls</Text>
          </Text>
          <Text size="sm" c="dimmed">
            {count(Math.max(0, usage.limit - usage.used))} left · {count(usage.reserve)} kept in reserve
          </Text>
          <Text size="sm" c={inReserve ? 'red' : 'dimmed'}>
            {inReserve ? 'Within the reserve: sync jobs pause until the allowance recovers.' : 'Sync jobs pause when only the reserve is left.'}
          </Text>
        </Stack>
        <Tooltip label={`${share.toFixed(1)} % used; the last ${reserveShare.toFixed(0)} % is the reserve`}>
          <RingProgress
            size={116}
            thickness={12}
            roundCaps
            sections={[
              { value: Math.min(100, share), color },
              ...(share < 100 - reserveShare ? [{ value: 100 - reserveShare - share, color: 'gray.2' }, { value: reserveShare, color: 'red.1' }] : []),
            ]}
            label={
              <Text ta="center" fw={700} size="lg">
                {share < 1 && share > 0 ? '<1' : Math.round(share)} %
              </Text>
            }
          />
        </Tooltip>
      </Group>
    </Card>
  );
}
