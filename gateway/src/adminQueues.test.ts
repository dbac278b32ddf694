import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, jobQueueNames, type Role } from '@l2c/shared';
import { ADMIN_QUEUES_PATH, createAdminQueues, type AdminQueues } from './adminQueues.ts';
import { createAuthenticate } from './authenticate.ts';

const secret = 'admin-queues-test-secret-0123456789';
const token = (role: Role) => issueToken(secret, { sub: `t-${role}`, roles: [role], dealerAccountId: role === 'partner' ? 'd1' : null });
let board: AdminQueues;
let http: Server;
let base: string;

beforeAll(async () => {
  board = createAdminQueues({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `t${randomBytes(4).toString('hex')}`, authenticate: createAuthenticate({ secret }) });
  http = createServer((req, res) => board.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}${ADMIN_QUEUES_PATH}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await board.close();
});

describe('Bull Board behind authentication', () => {
  it('refuses a request without a token (401) or with a bad one, and other roles (403)', async () => {
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
    for (const role of ['staff', 'partner'] as const) expect((await fetch(base, { headers: { authorization: `Bearer ${await token(role)}` } })).status).toBe(403);
  });

  it('serves the board and its API with every queue of the graph to an engineer, and to an sf_admin by session cookie', async () => {
    const page = await fetch(base, { headers: { authorization: `Bearer ${await token('engineer')}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${base}/api/queues?activeQueue=crm-sync`, { headers: { authorization: `Bearer ${await token('engineer')}` } });
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(jobQueueNames().sort());
    const login = await fetch(`${base}?token=${await token('sf_admin')}`, { redirect: 'manual' });
    expect([login.status, login.headers.get('location')]).toEqual([303, ADMIN_QUEUES_PATH]);
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(base, { headers: { cookie: session } })).status).toBe(200);
  });
});
