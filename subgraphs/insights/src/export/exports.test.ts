import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';
import type { DisposableStore } from '@l2c/shared/testing';
import { loadLog } from '../testing/loadLog.ts';
import { partnerOf, startInsights, staff } from '../testing/server.ts';
import { openInsightsStore } from '../testing/store.ts';
import { tenCases } from '../testing/tenCases.ts';
import type { Identity } from '@l2c/shared';

const standards = new URL('../testing/standards/', import.meta.url);
let store: DisposableStore;
let insights: Awaited<ReturnType<typeof startInsights>>;
/** What the graph says each case is: the reference every export is read back against. */
let cases: Map<string, { activity: string; occurredAt: string }[]>;

beforeAll(async () => {
  store = await openInsightsStore();
  await loadLog(store, tenCases().inStreamOrder());
  insights = await startInsights(store);
  const { data } = await insights.graphql<{ processCases: { nodes: { id: string; kind: string; events: { activity: string; occurredAt: string }[] }[] } }>(
    staff,
    `{ processCases(first: 50) { nodes { id kind events { activity occurredAt } } } }`,
  );
  cases = new Map(data!.processCases.nodes.filter((n) => n.kind === 'OPPORTUNITY').map((n) => [n.id, n.events]));
});
afterAll(async () => {
  await insights.close();
  await store.close();
});

async function download(identity: Identity, format: 'CSV' | 'XES' | 'OCEL', filter: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await insights.graphql<{ processLogExport: { url: string } }>(identity, `query($f: ProcessLogFormat!, $filter: ProcessFilter) { processLogExport(format: $f, filter: $filter) { url } }`, { f: format, filter });
  expect(errors).toBeUndefined();
  const response = await fetch(data!.processLogExport.url);
  expect(response.status).toBe(200);
  return response.text();
}

describe('exports read back by independent readers', () => {
  it('CSV: csv-parse reads every case, activity and timestamp the graph shows', async () => {
    const rows = parse(await download(staff, 'CSV'), { columns: true }) as Record<string, string>[];
    const read = new Map<string, { activity: string; occurredAt: string }[]>();
    for (const row of rows) read.set(row['case_id']!, [...(read.get(row['case_id']!) ?? []), { activity: row['activity']!, occurredAt: row['timestamp']! }]);
    expect(read).toEqual(cases);
    const accepted = rows.find((r) => r['case_id'] === 'c5' && r['activity'] === 'Quote Accepted')!;
    expect(accepted).toMatchObject({ sales_rep: 'ben', dealer_id: 'D2', segment: 'DEALER', product_family: 'Transa', discount_percent: '15.00', is_won: 'true' });
    expect(JSON.parse(accepted['event_attributes']!)).toEqual({ amount: '8500.00', listAmount: '10000.00', discountPercent: '15.00', productFamily: 'Transa' });
  });

  it('XES: valid against the IEEE 1849 schema, and a SAX reader finds the same traces', async () => {
    const xes = await download(staff, 'XES');
    const validation = await validateXML({ xml: [{ fileName: 'log.xes', contents: xes }], schema: [{ fileName: 'xes.xsd', contents: readFileSync(new URL('xes-ieee-1849-2016.xsd', standards), 'utf8') }] });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    const traces = new Map<string, { activity: string; occurredAt: string }[]>();
    let trace: string | null = null;
    let event: { activity: string; occurredAt: string } | null = null;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      const attributes = tag.attributes as Record<string, string>;
      if (tag.name === 'trace') trace = '';
      else if (tag.name === 'event') event = { activity: '', occurredAt: '' };
      else if (event && attributes['key'] === 'concept:name') event.activity = attributes['value']!;
      else if (event && attributes['key'] === 'time:timestamp') event.occurredAt = attributes['value']!;
      else if (trace === '' && !event && attributes['key'] === 'concept:name') {
        trace = attributes['value']!;
        traces.set(trace, []);
      }
    });
    parser.on('closetag', (tag) => {
      if (tag.name === 'event' && trace && event) {
        traces.get(trace)!.push(event);
        event = null;
      }
      if (tag.name === 'trace') trace = null;
    });
    parser.write(xes).close();
    expect(traces).toEqual(cases);
  });

  it('OCEL 2.0: valid against the standard’s JSON schema, with the objects, links and qualifiers of the log', async () => {
    const text = await download(staff, 'OCEL');
    const ocel = JSON.parse(text) as {
      objectTypes: { name: string }[];
      events: { id: string; type: string; time: string; relationships: { objectId: string; qualifier: string }[]; attributes: { name: string; value: string }[] }[];
      objects: { id: string; type: string; relationships?: { objectId: string; qualifier: string }[] }[];
    };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('ocel20-schema-json.json', standards), 'utf8')));
    expect(validate(ocel), JSON.stringify(validate.errors)).toBe(true);
    const [{ n }] = (await store.query<{ n: number }>('select count(*)::int as n from log_events')) as [{ n: number }];
    expect(ocel.events).toHaveLength(n);
    expect(ocel.objectTypes.map((t) => t.name)).toContain('Invoice');
    const accepted = ocel.events.find((e) => e.type === 'Quote Accepted' && e.relationships.some((r) => r.objectId === 'Q1'))!;
    expect(accepted.relationships).toEqual(expect.arrayContaining([{ objectId: 'O1', qualifier: 'order created' }, { objectId: 'c1', qualifier: 'opportunity' }]));
    expect(accepted.attributes).toEqual(expect.arrayContaining([{ name: 'discountPercent', value: '12.00' }]));
    const order = ocel.objects.find((o) => o.id === 'O1')!;
    expect(order).toMatchObject({ type: 'Order', relationships: [{ objectId: 'Q1', qualifier: 'ordered from' }] });
    const payment = ocel.objects.find((o) => o.id === 'P1')!;
    expect(payment.relationships).toEqual(expect.arrayContaining([{ objectId: 'I1', qualifier: 'pays' }]));
  });

  it('gives a partner a file of its own cases only, whatever the format', async () => {
    const rows = parse(await download(partnerOf('D2'), 'CSV'), { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r['case_id']))).toEqual(new Set(['c5', 'c6', 'c9']));
    const ocel = JSON.parse(await download(partnerOf('D2'), 'OCEL')) as { events: { relationships: { objectId: string }[] }[]; objects: { id: string }[] };
    const objects = new Set(ocel.objects.map((o) => o.id));
    expect(objects.has('c1')).toBe(false);
    expect(objects.has('O5')).toBe(true);
    expect(ocel.events.every((e) => e.relationships.every((r) => !['c1', 'Q1', 'L1'].includes(r.objectId)))).toBe(true);
    const xes = await download(partnerOf('D2'), 'XES', { productFamilies: ['Lyra'] });
    expect(xes.match(/<trace>/g)).toHaveLength(1);
    expect(xes).toContain('value="c9"');
  });
});
