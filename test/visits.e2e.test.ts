import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Dealer visits through the gateway, with CRM (dealers), CPQ (a product a question is about) and the visits
 * subgraph: a manager plans and assigns, the assessor records and completes on site; the dealer's partner app hears
 * the visit completed and reads its score through the supergraph; another dealer sees nothing of it; each assessor
 * sees only the visits assigned to it.
 */

let stack: Stack;
let staff: string;
let munich: { id: string; name: string };
let hamburg: { id: string; name: string };
let productId: string;
const connections: TestConnection[] = [];

beforeAll(async () => {
  stack = await startStack({ demoSize: 1, visits: true, subscriptions: {} });
  staff = await stack.token('staff');
  const { accounts } = ok(await stack.graphql<{ accounts: { nodes: { id: string; name: string }[] } }>(staff, '{ accounts(first: 2, filter: { type: [DEALER] }) { nodes { id name } } }'));
  [munich, hamburg] = accounts.nodes as [typeof munich, typeof hamburg];
  productId = ok(
    await stack.graphql<{ createProduct: { id: string } }>(staff, 'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }', {
      input: { code: 'V-SOL-PERFORMANCE', name: 'Solen e Performance', category: 'VEHICLE', family: 'Solen e' },
    }),
  ).createProduct.id;
}, 120_000);
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await stack?.[Symbol.asyncDispose]();
});

async function partnerApp(dealerId: string): Promise<TestConnection> {
  const connection = connect(stack.subscriptions!.wsUrl, { authorization: `Bearer ${await stack.token('partner', dealerId)}` });
  connections.push(connection);
  return connection;
}

const TEMPLATE = `mutation($input: CreateActionPlanTemplateInput!) { createActionPlanTemplate(input: $input) {
  id publishedVersion { id version indicators { id key dataType context { kind label product { name } } expectation { description } } }
} }`;
const PLAN = `mutation($input: PlanVisitInput!) { planVisit(input: $input) { id number status } }`;
const RECORD = `mutation($id: ID!, $values: [IndicatorValueInput!]!) { recordIndicatorValues(visitId: $id, values: $values) { score { score met evaluated } } }`;
const VISIT_EVENTS = `subscription($after: ID) { visitEvents(after: $after) { id type changes visitId visit { number status dealer { name } templateVersion { version } score { score met evaluated deviations } } } }`;

interface VisitEvent {
  type: string;
  changes: Record<string, unknown>;
  visitId: string;
  visit: { number: string; status: string; dealer: { name: string }; templateVersion: { version: number }; score: { score: string | null; met: number; evaluated: number; deviations: number } } | null;
}

describe('dealer visits through the gateway', () => {
  it('plan → assign → record → complete: the dealer hears VisitCompleted and reads its score; the other dealer hears and sees nothing of it', async () => {
    const after = await stack.subscriptions!.bus.latestId();
    const munichEvents = (await partnerApp(munich.id)).subscribe<VisitEvent>(VISIT_EVENTS, { after });
    const hamburgEvents = (await partnerApp(hamburg.id)).subscribe<VisitEvent>(VISIT_EVENTS, { after });

    const { createActionPlanTemplate: template } = ok(
      await stack.graphql<{ createActionPlanTemplate: { id: string; publishedVersion: { version: number; indicators: { id: string; key: string; context: unknown; expectation: unknown }[] } } }>(staff, TEMPLATE, {
        input: {
          name: 'Dealer performance assessment',
          publish: true,
          tasks: [
            {
              name: 'Front office inspection',
              indicators: [
                { key: 'new-model-feedback', question: 'What feedback have customers given on the new vehicle model?', dataType: 'TEXT', context: { kind: 'PRODUCT', id: productId } },
                { key: 'promotion-banners', question: 'Are all promotion banners placed correctly?', dataType: 'BOOLEAN', isRequired: true, context: { kind: 'PROMOTION', id: 'PROMO-EXT-WARRANTY', label: 'Extended warranty offer' }, expected: { boolean: true } },
              ],
            },
            {
              name: 'Back office inspection',
              indicators: [
                { key: 'agents-trained', question: 'How many agents attended the training?', dataType: 'NUMBER', isRequired: true, expected: { comparison: 'AT_LEAST', number: '20' } },
                { key: 'defective-spare-parts', question: 'What percentage of spare parts in stock are defective?', dataType: 'PERCENTAGE', isRequired: true, expected: { comparison: 'AT_MOST', number: '10' } },
              ],
            },
          ],
        },
      }),
    );
    // Context records: the product resolves through CPQ; the promotion, which no subgraph owns, by kind, id and label.
    expect(template.publishedVersion.indicators.map((i) => [i.key, i.context, i.expectation])).toEqual([
      ['new-model-feedback', { kind: 'PRODUCT', label: null, product: { name: 'Solen e Performance' } }, null],
      ['promotion-banners', { kind: 'PROMOTION', label: 'Extended warranty offer', product: null }, { description: 'equals true' }],
      ['agents-trained', null, { description: 'at least 20' }],
      ['defective-spare-parts', null, { description: 'at most 10 %' }],
    ]);
    const indicator = Object.fromEntries(template.publishedVersion.indicators.map((i) => [i.key, i.id]));

    const assessor = async (subject: string, name: string) => ok(await stack.graphql<{ createAssessor: { id: string } }>(staff, 'mutation($input: CreateAssessorInput!) { createAssessor(input: $input) { id } }', { input: { subject, name } })).createAssessor.id;
    const anna = await assessor('anna', 'Anna Berg');
    const bert = await assessor('bert', 'Bert Lind');
    const start = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const { planVisit: visit } = ok(await stack.graphql<{ planVisit: { id: string; number: string; status: string } }>(staff, PLAN, { input: { dealerId: munich.id, templateId: template.id, scheduledStart: start(2) } }));
    expect(visit.status).toBe('PLANNED');
    expect(ok(await stack.graphql<{ assignVisit: { status: string } }>(staff, 'mutation($id: ID!, $a: [ID!]!) { assignVisit(id: $id, assessorIds: $a) { status } }', { id: visit.id, a: [anna] })).assignVisit.status).toBe('SCHEDULED');
    const { planVisit: hamburgVisit } = ok(await stack.graphql<{ planVisit: { id: string } }>(staff, PLAN, { input: { dealerId: hamburg.id, templateId: template.id, scheduledStart: start(3), assessorIds: [bert] } }));

    // On site, Anna records; a value of the wrong type is refused with the indicator named, and nothing is written.
    const annaToken = await stack.tokenFor('anna', ['assessor']);
    ok(await stack.graphql(annaToken, 'mutation($id: ID!) { startVisit(id: $id) { status } }', { id: visit.id }));
    const refused = await stack.graphql(annaToken, RECORD, { id: visit.id, values: [{ indicatorId: indicator['agents-trained'], number: '12' }, { indicatorId: indicator['promotion-banners'], text: 'yes' }] });
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('values[1].text: indicator "Are all promotion banners placed correctly?" (promotion-banners, BOOLEAN) takes a BOOLEAN value: give it as boolean, not as text'),
      extensions: { code: 'BAD_USER_INPUT', field: 'values[1].text' },
    });
    const recorded = ok(
      await stack.graphql<{ recordIndicatorValues: { score: unknown } }>(annaToken, RECORD, {
        id: visit.id,
        values: [
          { indicatorId: indicator['agents-trained'], number: '12' },
          { indicatorId: indicator['promotion-banners'], boolean: true },
          { indicatorId: indicator['new-model-feedback'], text: 'Customers like the range.' },
        ],
      }),
    );
    expect(recorded.recordIndicatorValues.score).toEqual({ score: '50.0', met: 1, evaluated: 2 });
    // A required indicator is missing: the visit does not complete.
    const early = await stack.graphql(annaToken, 'mutation($id: ID!) { completeVisit(id: $id) { status } }', { id: visit.id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'REQUIRED_INDICATORS_MISSING', missingIndicators: [{ key: 'defective-spare-parts' }] });
    ok(await stack.graphql(annaToken, RECORD, { id: visit.id, values: [{ indicatorId: indicator['defective-spare-parts'], number: '25' }] }));
    const { visit: tasks } = ok(await stack.graphql<{ visit: { tasks: { id: string }[] } }>(annaToken, 'query($id: ID!) { visit(id: $id) { tasks { id } } }', { id: visit.id }));
    for (const task of tasks.tasks) ok(await stack.graphql(annaToken, 'mutation($id: ID!) { completeVisitTask(id: $id) { status } }', { id: task.id }));
    expect(ok(await stack.graphql<{ completeVisit: { status: string } }>(annaToken, 'mutation($id: ID!) { completeVisit(id: $id) { status } }', { id: visit.id })).completeVisit.status).toBe('COMPLETED');

    // Munich's partner app hears its visit through to completion, and reads the score as it is now.
    const heard = await munichEvents.waitFor(5);
    expect(heard.map((e) => e.type)).toEqual(['VISIT_SCHEDULED', 'VISIT_STARTED', 'VISIT_COMPLETED', 'DEVIATION_FLAGGED', 'DEVIATION_FLAGGED']);
    const completed = heard[2]!;
    expect(completed.visitId).toBe(visit.id);
    expect(completed.changes).toMatchObject({ dealerId: munich.id, templateId: template.id, templateVersion: 1, score: '33.3', deviations: 2 });
    expect(completed.visit).toEqual({ number: visit.number, status: 'COMPLETED', dealer: { name: munich.name }, templateVersion: { version: 1 }, score: { score: '33.3', met: 1, evaluated: 3, deviations: 2 } });
    expect(heard.slice(3).map((e) => [e.changes['key'], e.changes['expected'], e.changes['actual'], e.changes['deviation']])).toEqual([
      ['agents-trained', '20', '12', '-8'],
      ['defective-spare-parts', '10', '25', '15'],
    ]);

    // Hamburg hears only of its own visit.
    const hamburgHeard = await hamburgEvents.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hamburgEvents.events.map((e) => [e.type, e.visitId])).toEqual([['VISIT_SCHEDULED', hamburgVisit.id]]);
    expect(hamburgHeard[0]!.visit?.dealer.name).toBe(hamburg.name);
    expect([...munichEvents.errors, ...hamburgEvents.errors]).toEqual([]);

    // Reading: the dealer sees its visit with the deviations; the other dealer sees nothing of it.
    const munichPartner = await stack.token('partner', munich.id);
    const own = ok(
      await stack.graphql<{ visit: { score: { score: string }; deviations: { key: string; deviation: { description: string } }[] }; account: { visits: { totalCount: number }; visitPerformance: { visits: number; score: string } } }>(
        munichPartner,
        'query($id: ID!, $dealer: ID!) { visit(id: $id) { score { score } deviations { key deviation { description } } } account(id: $dealer) { visits { totalCount } visitPerformance { visits score } } }',
        { id: visit.id, dealer: munich.id },
      ),
    );
    expect(own.visit.score.score).toBe('33.3');
    expect(own.visit.deviations).toEqual([
      { key: 'agents-trained', deviation: { description: '8 below the expectation (at least 20)' } },
      { key: 'defective-spare-parts', deviation: { description: '15 percentage points above the expectation (at most 10 %)' } },
    ]);
    expect(own.account).toEqual({ visits: { totalCount: 1 }, visitPerformance: { visits: 1, score: '33.3' } });

    const hamburgPartner = await stack.token('partner', hamburg.id);
    const others = ok(await stack.graphql<{ visit: unknown; visits: { nodes: { id: string }[] } }>(hamburgPartner, 'query($id: ID!) { visit(id: $id) { id score { score } } visits(first: 50) { nodes { id } } }', { id: visit.id }));
    expect(others).toEqual({ visit: null, visits: { nodes: [{ id: hamburgVisit.id }] } });
    const performance = await stack.graphql(hamburgPartner, 'query($d: ID!) { dealerPerformance(dealerId: $d) { visits } }', { d: munich.id });
    expect(performance.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an assessor sees only the visits assigned to it, and cannot act on others', async () => {
    const bertToken = await stack.tokenFor('bert', ['assessor']);
    const { visits } = ok(await stack.graphql<{ visits: { nodes: { dealer: { id: string }; assessors: { name: string }[] }[] } }>(bertToken, '{ visits(first: 50) { nodes { dealer { id } assessors { name } } } }'));
    expect(visits.nodes.map((v) => [v.dealer.id, v.assessors.map((a) => a.name)])).toEqual([[hamburg.id, ['Bert Lind']]]);
    const { visits: all } = ok(await stack.graphql<{ visits: { nodes: { id: string; dealer: { id: string } }[] } }>(staff, '{ visits(first: 50) { nodes { id dealer { id } } } }'));
    const munichVisit = all.nodes.find((v) => v.dealer.id === munich.id)!;
    const refused = await stack.graphql(bertToken, 'mutation($id: ID!) { startVisit(id: $id) { status } }', { id: munichVisit.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok(await stack.graphql<{ viewer: { roles: string[] } }>(bertToken, '{ viewer { roles } }')).viewer.roles).toEqual(['ASSESSOR']);
    // The visit event stream is for dealers and staff: an assessor is refused it.
    const connection = connect(stack.subscriptions!.wsUrl, { authorization: `Bearer ${bertToken}` });
    connections.push(connection);
    const subscription = connection.subscribe('subscription { visitEvents { id } }');
    await subscription.waitForEnd();
    expect(subscription.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });
});
