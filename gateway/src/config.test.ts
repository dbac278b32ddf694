import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_GATEWAY_SIGNING_SECRET, DEV_JWT_SECRET, repoRoot } from '@l2c/shared';
import { parseGatewayConfig, parseSubgraphUrls } from './config.ts';

describe('parseGatewayConfig', () => {
  it('has development defaults for everything', () => {
    expect(parseGatewayConfig({})).toEqual({
      GATEWAY_PORT: 4000,
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: `${repoRoot}/gateway/supergraph.graphql`,
      SUBGRAPH_URLS: {},
      JWT_SECRET: DEV_JWT_SECRET,
      JWKS_URL: undefined,
      JWT_ISSUER: undefined,
      JWT_AUDIENCE: undefined,
      JWT_MAX_LIFETIME_HOURS: 12,
      SUBGRAPH_TIMEOUT_MS: 10000,
      SUBGRAPH_CIRCUIT_FAILURES: 5,
      SUBGRAPH_CIRCUIT_OPEN_MS: 10000,
      SUBGRAPH_CONNECTIONS: 64,
      SUBGRAPH_DEDUPLICATE: true,
      SUBGRAPH_BATCH: true,
      GATEWAY_SIGNING_SECRET: DEV_GATEWAY_SIGNING_SECRET,
      TRUSTED_DOCUMENTS: 'partners',
      TRUSTED_DOCUMENTS_PATH: `${repoRoot}/gateway/src/__generated__/persisted-query-manifest.json`,
      MAX_QUERY_DEPTH: 12,
      MAX_QUERY_BYTES: 20000,
      MAX_QUERY_ALIASES: 30,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'l2c',
      EVENT_STREAM: 'l2c:events',
      EVENT_RETENTION_DAYS: 7,
      SUBSCRIBER_BUFFER: 1000,
      SUBSCRIPTION_KEEPALIVE_MS: 12000,
      LOG_LEVEL: 'info',
    });
  });

  it('reads SUBGRAPH_URLS as JSON or as a name=url list', () => {
    const urls = { crm: 'http://crm:4001/graphql', cpq: 'http://cpq:4002/graphql' };
    expect(parseGatewayConfig({ SUBGRAPH_URLS: JSON.stringify(urls) }).SUBGRAPH_URLS).toEqual(urls);
    expect(parseGatewayConfig({ SUBGRAPH_URLS: 'crm=http://crm:4001/graphql, cpq=http://cpq:4002/graphql' }).SUBGRAPH_URLS).toEqual(urls);
  });

  it('keeps an absolute SUPERGRAPH_PATH and takes a relative one from the repository root', () => {
    expect(parseGatewayConfig({ SUPERGRAPH_PATH: '/tmp/s.graphql' }).SUPERGRAPH_PATH).toBe('/tmp/s.graphql');
    expect(parseGatewayConfig({ SUPERGRAPH_PATH: 'x/s.graphql' }).SUPERGRAPH_PATH).toBe(`${repoRoot}/x/s.graphql`);
  });

  it.each([
    [{ SUBGRAPH_URLS: 'crm' }, /SUBGRAPH_URLS: entry "crm" is not name=url/],
    [{ SUBGRAPH_URLS: 'crm=ftp://crm' }, /SUBGRAPH_URLS: the URL for subgraph "crm" must be an http\(s\) URL/],
    [{ SUBGRAPH_URLS: '{"crm": 4001' }, /SUBGRAPH_URLS: is not valid JSON/],
    [{ MAX_QUERY_DEPTH: 'deep' }, /MAX_QUERY_DEPTH: .*\(got "deep"\)/],
    [{ JWKS_URL: 'keys' }, /JWKS_URL: must be a URL/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET: must be at least 16 characters/],
    [{ EVENT_RETENTION_DAYS: '0' }, /EVENT_RETENTION_DAYS: must be a positive number of days/],
    [{ SUBSCRIBER_BUFFER: 'lots' }, /SUBSCRIBER_BUFFER: .*\(got "lots"\)/],
    [{ REDIS_URL: 'localhost' }, /REDIS_URL: must be a URL/],
  ])('names the variable when %o is wrong', (source, message) => {
    expect(() => parseGatewayConfig(source)).toThrow(ConfigError);
    expect(() => parseGatewayConfig(source)).toThrow(message);
  });
});

describe('parseSubgraphUrls', () => {
  it('ignores empty entries and spaces', () => {
    expect(parseSubgraphUrls(' crm = http://a/graphql ,')).toEqual({ crm: 'http://a/graphql' });
  });
});
