import type { SubgraphEntry } from '@l2c/shared';
import { banner, type GeneratedFile } from './generatedFile.ts';
import { stringify } from 'yaml';

export const DOCKER_COMPOSE_PATH = 'docker-compose.yml';

/** Postgres accepts local connections without a password (`trust`): the service is for development only. */
const POSTGRES = { user: 'l2c', database: 'l2c' } as const;

/** What the generated document holds. */
type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/**
 * `docker-compose.yml` from the one list of subgraphs: Postgres and Redis, and `app`, which runs the whole stack
 * (`npm ci && npm start`, the README's quick start) in `node:20` on the mounted repository. `node_modules` lives in a
 * named volume so that the container's install never replaces the host's (npm ≥ 7 empties the folder in place, which
 * a mount point allows).
 *
 * Printed as YAML 1.1, the version Compose files are read in, so that a string such as `yes`, `on` or `22:22` is
 * quoted and never changes type on the way; long strings stay on one line.
 */
export function renderDockerCompose(list: { gateway: { port: number }; subgraphs: SubgraphEntry[] }): GeneratedFile {
  const ports = [list.gateway.port, ...list.subgraphs.map((entry) => entry.port)];
  const readiness = [
    `http://127.0.0.1:${list.gateway.port}/health`,
    ...list.subgraphs.map((entry) => `http://127.0.0.1:${entry.port}/ready`),
  ];
  const document: YamlValue = {
    services: {
      postgres: {
        image: 'postgres:15',
        environment: { POSTGRES_USER: POSTGRES.user, POSTGRES_DB: POSTGRES.database, POSTGRES_HOST_AUTH_METHOD: 'trust' },
        ports: ['127.0.0.1:5432:5432'],
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: healthcheck(['CMD', 'pg_isready', '-U', POSTGRES.user, '-d', POSTGRES.database], '5s'),
      },
      redis: {
        image: 'redis:7',
        ports: ['127.0.0.1:6379:6379'],
        healthcheck: healthcheck(['CMD', 'redis-cli', 'ping'], '5s'),
      },
      app: {
        image: 'node:20',
        working_dir: '/app',
        command: ['sh', '-c', 'npm ci && npm start'],
        environment: {
          DATABASE_URL: `postgres://${POSTGRES.user}@postgres:5432/${POSTGRES.database}`,
          REDIS_URL: 'redis://redis:6379',
          HOST: '0.0.0.0',
          // Outside loopback the processes refuse the development secrets: compose takes them from the shell or `.env`.
          JWT_SECRET: '${JWT_SECRET:?set JWT_SECRET (e.g. openssl rand -base64 32) in the shell or .env}',
          GATEWAY_SIGNING_SECRET: '${GATEWAY_SIGNING_SECRET:?set GATEWAY_SIGNING_SECRET (e.g. openssl rand -base64 32) in the shell or .env}',
          WEBHOOK_SECRET_KEY: '${WEBHOOK_SECRET_KEY:?set WEBHOOK_SECRET_KEY (at least 32 characters) in the shell or .env}',
        },
        ports: ports.map((port) => `${port}:${port}`),
        volumes: ['.:/app', 'app-node-modules:/app/node_modules'],
        depends_on: { postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } },
        healthcheck: {
          ...healthcheck(['CMD', 'node', '-e', fetchAll(readiness)], '10s'),
          // The first start installs dependencies before anything listens.
          start_period: '300s',
        },
      },
    },
    volumes: { 'postgres-data': {}, 'app-node-modules': {} },
  };
  const header = [
    banner('hash', ['subgraphs.json', 'codegen/src/dockerCompose.ts']).trimEnd(),
    '# Development only. `docker compose up` runs the whole stack in `app`; Postgres trusts every connection (user l2c, no',
    '# password); `app` sets HOST=0.0.0.0 so that servers listen on every interface and the published ports reach them,',
    '# which is not development any more: JWT_SECRET, GATEWAY_SIGNING_SECRET and WEBHOOK_SECRET_KEY must be set (shell or .env).',
    '',
  ].join('\n');
  return { path: DOCKER_COMPOSE_PATH, content: `${header}\n${stringify(document, { version: '1.1', lineWidth: 0 })}` };
}

function healthcheck(test: string[], interval: string): { [key: string]: YamlValue } {
  return { test, interval, timeout: '5s', retries: 20 };
}

/** A one-line Node script that exits 0 when every URL answers 2xx, else prints the failure and exits 1. */
function fetchAll(urls: string[]): string {
  return (
    `Promise.all(${JSON.stringify(urls)}.map((u) => fetch(u).then((r) => { if (!r.ok) throw new Error(u + ' ' + r.status); })))` +
    `.then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); })`
  );
}
