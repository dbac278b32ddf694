import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, signIdentity, type Identity, type SubgraphServer } from '@l2c/shared';
import { countStatements, type DisposableStore } from '@l2c/shared/testing';
import { completeVisit, completeVisitTask, recordIndicatorValues, startVisit } from './commands/execution.ts';
import { planVisit } from './commands/visits.ts';
import { createVisitsServer } from './server.ts';
import { resultsByVisitIds } from './store/results.ts';
import { tasksByVisitIds } from './store/visits.ts';
import { as, assessorSignedInAs, createAssessmentTemplate, createTestAssessor, FakeCrm, HAMBURG, MUNICH, openTestStore, partnerOf, staff } from './testing/fixtures.ts';

const SECRET = 'visits-server-test-secret-0123456789';
const VISITS = 24;
let store: DisposableStore;
let server: SubgraphServer;
let url: string;
const visitIds: string[] = [];
const crm = new FakeCrm();
const now = new Date('2026-03-02T08:00:00Z');

/** 24 visits of two dealers, alternately assigned to Anna and Bert; every other one completed with values. */
beforeAll(async () => {
  store = await openTestStore();
  const template = await createAssessmentTemplate(store, { now });
  const anna = await createTestAssessor(store, 'anna');
  const bert = await createTestAssessor(store, 'bert');
  for (let i = 0; i < VISITS; i++) {
    const visit = await planVisit(as(store, staff, { crm, now }), { dealerId: i % 2 ? HAMBURG : MUNICH, templateId: template.id, scheduledStart: new Date(now.getTime() + (i + 1) * 3_600_000), assessorIds: [i % 4 < 2 ? anna.id : bert.id] });
    visitIds.push(visit.id);
    if (i % 3 !== 0) continue;
    await startVisit(as(store, staff, { crm, now }), visit.id);
    const ids = Object.fromEntries((await resultsByVisitIds(store, [visit.id])).map((r) => [r.key, r.indicator_id!]));
    await recordIndicatorValues(as(store, staff, { crm, now }), visit.id, [
      { indicatorId: ids['agents-trained']!, number: String(15 + i) },
      { indicatorId: ids['promotion-banners']!, boolean: i % 2 === 0 },
      { indicatorId: ids['defective-spare-parts']!, number: '12.5' },
    ]);
    for (const task of await tasksByVisitIds(store, [visit.id])) if (task.is_required) await completeVisitTask(as(store, staff, { crm, now }), task.id);
    await completeVisit(as(store, staff, { crm, now }), visit.id);
  }
  server = await createVisitsServer({ store, signingSecret: SECRET, crmUrl: 'http://127.0.0.1:1/graphql', logger: createLogger('visits-test', 'silent') });
  url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await store?.close();
});

async function graphql<Data>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<{ data: Data; errors?: { message: string; extensions: Record<string, unknown> }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SECRET) }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: Data; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function data<Data>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const body = await graphql<Data>(identity, query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const VISIT_PAGE = `query($first: Int!) { visits(first: $first) { totalCount nodes {
  id number status dealer { id } location { name isPrimary } template { name publishedVersion { version } }
  templateVersion { version tasks { name indicators { key expectation { comparison value { display } } context { kind id label product { id } } } } }
  assessors { name } tasks { name status results { key } }
  results { key status actual { display } expectation { description } deviation { value size relative unit description } }
  deviations { key } missingRequired { key } score { score met evaluated deviations missingRequired }
} } }`;

describe('the visits subgraph over HTTP', () => {
  // One statement per kind of record asked for, whatever the number of visits on the page.
  it('a page of visits with tasks, results, assessors, locations and versions costs the same for 5 as for 24', async () => {
    const small = await countStatements(store, () => data<{ visits: { nodes: unknown[] } }>(staff, VISIT_PAGE, { first: 5 }));
    const large = await countStatements(store, () => data<{ visits: { nodes: unknown[] } }>(staff, VISIT_PAGE, { first: VISITS }));
    expect(small.result.visits.nodes).toHaveLength(5);
    expect(large.result.visits.nodes).toHaveLength(VISITS);
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(12);
  });

  it('shows results with expectations, actual values, deviations in words, and the score', async () => {
    const { visit } = await data<{ visit: { status: string; score: unknown; results: { key: string; status: string; actual: { display: string } | null; deviation: unknown }[] } }>(
      staff,
      `query($id: ID!) { visit(id: $id) { status score { score met evaluated deviations missingRequired } results { key status actual { display } expectation { description } deviation { value size relative unit description } } } }`,
      { id: visitIds[0] },
    );
    expect(visit.score).toEqual({ score: '33.3', met: 1, evaluated: 3, deviations: 2, missingRequired: 0 });
    expect(visit.results).toEqual([
      { key: 'new-model-feedback', status: 'MISSING', actual: null, expectation: null, deviation: null },
      { key: 'promotion-banners', status: 'MET', actual: { display: 'true' }, expectation: { description: 'equals true' }, deviation: null },
      { key: 'last-product-training', status: 'MISSING', actual: null, expectation: null, deviation: null },
      { key: 'agents-trained', status: 'DEVIATION', actual: { display: '15' }, expectation: { description: 'at least 20' }, deviation: { value: '-5', size: '5', relative: '25.0', unit: 'UNITS', description: '5 below the expectation (at least 20)' } },
      { key: 'defective-spare-parts', status: 'DEVIATION', actual: { display: '12.5' }, expectation: { description: 'at most 10 %' }, deviation: { value: '2.5', size: '2.5', relative: '25.0', unit: 'PERCENTAGE_POINTS', description: '2.5 percentage points above the expectation (at most 10 %)' } },
    ]);
  });

  it('a partner sees its own dealer’s visits only: in lists, by id, through entities and accounts', async () => {
    const munich = partnerOf(MUNICH);
    const page = await data<{ visits: { totalCount: number; nodes: { id: string; dealer: { id: string } }[] } }>(munich, VISIT_PAGE, { first: VISITS });
    expect(page.visits.totalCount).toBe(VISITS / 2);
    expect(new Set(page.visits.nodes.map((v) => v.dealer.id))).toEqual(new Set([MUNICH]));
    expect((await data<{ visit: unknown }>(munich, 'query($id: ID!) { visit(id: $id) { id } }', { id: visitIds[1] })).visit).toBeNull();
    // Its own visit's assessors by name only: not how to reach or sign in as them.
    expect((await data<{ visit: unknown }>(munich, 'query($id: ID!) { visit(id: $id) { assessors { name subject email } } }', { id: visitIds[0] })).visit).toEqual({ assessors: [{ name: 'anna', subject: null, email: null }] });
    const entities = await data<{ _entities: ({ id: string } | null)[] }>(munich, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Visit { id } } }', { r: visitIds.slice(0, 2).map((id) => ({ __typename: 'Visit', id })) });
    expect(entities._entities).toEqual([{ id: visitIds[0] }, null]);
    const accounts = await data<{ _entities: { visits: { totalCount: number } }[] }>(munich, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { visits { totalCount } } } }', {
      r: [MUNICH, HAMBURG].map((id) => ({ __typename: 'Account', id })),
    });
    expect(accounts._entities.map((a) => a.visits.totalCount)).toEqual([VISITS / 2, 0]);
    const refused = await graphql(munich, 'query { assessors { name } }');
    expect(refused.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    const other = await graphql(munich, `query { dealerPerformance(dealerId: "${HAMBURG}") { visits } }`);
    expect(other.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });

  it('an assessor sees the visits assigned to it only', async () => {
    const page = await data<{ visits: { totalCount: number; nodes: { id: string; assessors: { name: string }[] }[] } }>(assessorSignedInAs('anna'), VISIT_PAGE, { first: VISITS });
    expect(page.visits.totalCount).toBe(VISITS / 2);
    expect(page.visits.nodes.every((v) => v.assessors.some((a) => a.name === 'anna'))).toBe(true);
    expect((await data<{ visit: unknown }>(assessorSignedInAs('anna'), 'query($id: ID!) { visit(id: $id) { id } }', { id: visitIds[2] })).visit).toBeNull();
    expect((await data<{ myAssessorProfile: { subject: string } }>(assessorSignedInAs('anna'), '{ myAssessorProfile { subject } }')).myAssessorProfile).toEqual({ subject: 'anna' });
  });

  it('a value of the wrong type is refused with the field and the indicator named', async () => {
    const visitId = visitIds[4]!;
    await startVisit(as(store, staff, { crm, now }), visitId);
    const agents = (await resultsByVisitIds(store, [visitId])).find((r) => r.key === 'agents-trained')!;
    const body = await graphql(assessorSignedInAs('anna'), 'mutation($id: ID!, $values: [IndicatorValueInput!]!) { recordIndicatorValues(visitId: $id, values: $values) { id } }', {
      id: visitId,
      values: [{ indicatorId: agents.indicator_id, boolean: true }],
    });
    expect(body.errors?.[0]).toMatchObject({
      message: 'values[0].boolean: indicator "How many agents attended the training?" (agents-trained, NUMBER) takes a NUMBER value: give it as number (a decimal written as a string), not as boolean (got true)',
      extensions: { code: 'BAD_USER_INPUT', field: 'values[0].boolean', value: true },
    });
  });
});
