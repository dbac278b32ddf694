import { createHash } from 'node:crypto';
import { evaluate } from '../domain/deviation.ts';
import { actualColumns, expectationColumns, type IndicatorValue } from '../domain/indicators.ts';
import { scoreOf } from '../domain/score.ts';
import { templateContent, type IndicatorContent, type TaskContent } from '../domain/templateContent.ts';
import { DEMO_ASSESSORS, demoTemplates } from './templates.ts';

/**
 * The demo's rows: templates with their versions, assessors, a primary location per dealer, and per dealer six
 * months of completed visits (one a month, each scored) plus the next visit on the calendar. Deterministic: the same
 * dealers give the same rows, ids included, every time; time is the generator's own (`now`), never the clock.
 */

export interface DemoDealer {
  id: string;
  name: string;
  dealerCode: string | null;
  address?: { street: string | null; city: string | null; postalCode: string | null; country: string | null; latitude: number | null; longitude: number | null } | null;
}

export type DemoRows = Record<(typeof DEMO_TABLES)[number], Record<string, unknown>[]>;

/** Tables in insertion order (parents first). */
export const DEMO_TABLES = [
  'dealers',
  'dealer_locations',
  'assessors',
  'action_plan_templates',
  'template_versions',
  'template_tasks',
  'indicator_definitions',
  'visits',
  'visit_assessors',
  'visit_tasks',
  'indicator_results',
] as const;

/** The generator's clock: the CRM demo's reference date. */
export const DEMO_NOW = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const MONTHS = 6;

export function generateVisitsDemo(dealers: readonly DemoDealer[], options: { productId?: string | null; now?: Date } = {}): DemoRows {
  const now = options.now ?? DEMO_NOW;
  const rows: DemoRows = Object.fromEntries(DEMO_TABLES.map((t) => [t, []])) as unknown as DemoRows;
  rows.assessors = DEMO_ASSESSORS.map((a) => ({ id: demoId('assessor', a.key), subject: a.subject, name: a.name, email: a.email, is_active: true }));

  // Versions: the newest is published; an older one was published before it, so earlier visits used it.
  const published = new Map<string, { versionId: string; from: Date; content: TaskContent[]; taskIds: string[]; indicatorIds: string[][] }[]>();
  for (const template of demoTemplates(options.productId ?? null)) {
    const templateId = demoId('template', template.key);
    rows.action_plan_templates.push({ id: templateId, name: template.name, unique_name: template.name.replace(/[^A-Za-z0-9]+/g, '_'), description: template.description, created_by: 'demo data' });
    const history: NonNullable<ReturnType<typeof published.get>> = [];
    template.versions.forEach((version, v) => {
      const versionId = demoId('version', `${template.key}/${v + 1}`);
      const newest = v === template.versions.length - 1;
      const from = new Date(now.getTime() - (newest ? (template.versions.length > 1 ? 92 : 200) : 200) * DAY);
      const until = newest ? null : new Date(now.getTime() - 92 * DAY);
      rows.template_versions.push({ id: versionId, template_id: templateId, version: v + 1, name: `${template.name} v${v + 1}`, status: newest ? 'PUBLISHED' : 'OBSOLETE', change_note: version.note, published_at: from, obsoleted_at: until, created_by: 'demo data' });
      const content = templateContent(`${template.key} v${v + 1}`, version.tasks);
      const taskIds = content.map((task) => demoId('template-task', `${versionId}/${task.position}`));
      const indicatorIds = content.map((task) => task.indicators.map((i) => demoId('indicator', `${versionId}/${i.key}`)));
      content.forEach((task, t) => {
        const { indicators, ...taskColumns } = task;
        rows.template_tasks.push({ id: taskIds[t], version_id: versionId, ...taskColumns });
        indicators.forEach((indicator, i) => rows.indicator_definitions.push({ id: indicatorIds[t]![i], version_id: versionId, task_id: taskIds[t], ...indicator }));
      });
      history.push({ versionId, from, content, taskIds, indicatorIds });
    });
    published.set(template.key, history);
  }

  const sorted = [...dealers].sort((a, b) => (a.dealerCode ?? a.id).localeCompare(b.dealerCode ?? b.id));
  sorted.forEach((dealer, d) => {
    const random = seeded(dealer.dealerCode ?? dealer.id);
    rows.dealers.push({ id: dealer.id, name: dealer.name, dealer_code: dealer.dealerCode });
    const locationId = demoId('location', dealer.id);
    const a = dealer.address ?? null;
    const line = a ? [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ') : '';
    rows.dealer_locations.push({ id: locationId, dealer_id: dealer.id, name: dealer.name, location_type: 'SITE', description: line || null, latitude: a?.latitude ?? null, longitude: a?.longitude ?? null, is_primary: true });
    // Each dealer starts somewhere and drifts: some improve month by month, some slip.
    const start = 0.45 + random() * 0.45;
    const drift = (random() - 0.5) * 0.16;
    for (let m = MONTHS; m >= 1; m--) {
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 4 + Math.floor(random() * 20), 9 + Math.floor(random() * 6)));
      const quality = Math.min(0.97, Math.max(0.1, start + drift * (MONTHS - m)));
      const assessor = DEMO_ASSESSORS[Math.floor(random() * DEMO_ASSESSORS.length)]!;
      addVisit(rows, published.get('performance')!, { key: `${dealer.id}/${m}`, dealerId: dealer.id, locationId, at: day, assessorKey: assessor.key, status: 'COMPLETED', values: (indicator) => demoValue(indicator, quality, day, random) });
    }
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 6 + d * 2, 10));
    addVisit(rows, published.get('performance')!, { key: `${dealer.id}/next`, dealerId: dealer.id, locationId, at: next, assessorKey: d < 2 ? 'herrera' : DEMO_ASSESSORS[d % DEMO_ASSESSORS.length]!.key, status: 'SCHEDULED', values: () => null });
    if (d === 0) addVisit(rows, published.get('onboarding')!, { key: `${dealer.id}/onboarding`, dealerId: dealer.id, locationId, at: new Date(next.getTime() + 14 * DAY), assessorKey: null, status: 'PLANNED', values: () => null });
  });
  return rows;
}

interface VisitPlan {
  key: string;
  dealerId: string;
  locationId: string;
  at: Date;
  assessorKey: string | null;
  status: 'COMPLETED' | 'SCHEDULED' | 'PLANNED';
  values: (indicator: IndicatorContent) => IndicatorValue | null;
}

function addVisit(rows: DemoRows, history: { versionId: string; from: Date; content: TaskContent[]; taskIds: string[]; indicatorIds: string[][] }[], plan: VisitPlan): void {
  const version = [...history].reverse().find((v) => v.from.getTime() <= plan.at.getTime()) ?? history[0]!;
  const visitId = demoId('visit', plan.key);
  const completed = plan.status === 'COMPLETED';
  const assessor = DEMO_ASSESSORS.find((a) => a.key === plan.assessorKey)?.subject ?? null;
  const results: Record<string, unknown>[] = [];
  version.content.forEach((task, t) => {
    const taskId = demoId('visit-task', `${plan.key}/${task.position}`);
    rows.visit_tasks.push({ id: taskId, visit_id: visitId, template_task_id: version.taskIds[t], position: task.position, name: task.name, is_required: task.is_required, status: completed ? 'COMPLETED' : 'NOT_STARTED', started_at: completed ? plan.at : null, completed_at: completed ? new Date(plan.at.getTime() + 90 * 60_000) : null, completed_by: completed ? assessor : null });
    task.indicators.forEach((indicator, i) => {
      const expectation = expectationColumns(indicator);
      const actual = actualColumns(completed ? plan.values(indicator) : null);
      const evaluation = evaluate({ data_type: indicator.data_type, ...expectation, ...actual });
      const recorded = actual.actual_number !== null || actual.actual_boolean !== null || actual.actual_text !== null || actual.actual_date !== null;
      results.push({
        id: demoId('result', `${plan.key}/${indicator.key}`),
        visit_id: visitId,
        visit_task_id: taskId,
        indicator_id: version.indicatorIds[t]![i],
        data_type: indicator.data_type,
        is_required: indicator.is_required,
        ...expectation,
        ...actual,
        recorded_at: recorded ? new Date(plan.at.getTime() + 60 * 60_000) : null,
        recorded_by: recorded ? assessor : null,
        met: evaluation.met,
        deviation: evaluation.deviation,
        relative_deviation: evaluation.relative,
      });
    });
  });
  const score = scoreOf(results as { met: boolean | null }[]);
  rows.visits.push({
    id: visitId,
    dealer_id: plan.dealerId,
    location_id: plan.locationId,
    template_version_id: version.versionId,
    status: plan.status,
    priority: 'MEDIUM',
    instructions: null,
    scheduled_start: plan.at,
    scheduled_end: new Date(plan.at.getTime() + 2 * 60 * 60_000),
    started_at: completed ? plan.at : null,
    completed_at: completed ? new Date(plan.at.getTime() + 2 * 60 * 60_000) : null,
    score: completed ? score.score : null,
    met_count: completed ? score.met : 0,
    evaluated_count: completed ? score.evaluated : 0,
    created_by: 'demo data',
  });
  if (plan.assessorKey) rows.visit_assessors.push({ visit_id: visitId, assessor_id: demoId('assessor', plan.assessorKey) });
  rows.indicator_results.push(...results);
}

const FEEDBACK = [
  'Customers like the range; several asked about home charging.',
  'Test drives convert well; the infotainment needs explaining.',
  'Families find the boot small for the price.',
  'Strong interest after the launch event.',
  'Delivery times are the most common complaint.',
];

/** A plausible answer: met with probability `quality`, otherwise off by a believable amount. */
function demoValue(indicator: IndicatorContent, quality: number, at: Date, random: () => number): IndicatorValue | null {
  const good = random() < quality;
  switch (indicator.key) {
    case 'promotion-banners':
    case 'new-contract-discussed':
      return { type: 'BOOLEAN', boolean: good };
    case 'agents-trained':
      return { type: 'NUMBER', number: String(good ? 20 + Math.floor(random() * 9) : 8 + Math.floor(random() * 12)) };
    case 'defective-spare-parts':
      return { type: 'PERCENTAGE', number: (good ? 2 + random() * 8 : 10.5 + random() * 18).toFixed(1) };
    case 'test-drive-fleet':
      return { type: 'NUMBER', number: String(good ? 3 + Math.floor(random() * 4) : random() < 0.5 ? 1 + Math.floor(random() * 2) : 7 + Math.floor(random() * 2)) };
    case 'last-product-training':
      return { type: 'DATE', date: new Date(at.getTime() - Math.floor(random() * 60) * DAY).toISOString().slice(0, 10) };
    case 'new-model-feedback':
      return { type: 'TEXT', text: FEEDBACK[Math.floor(random() * FEEDBACK.length)]! };
    default:
      return null;
  }
}

/** A stable UUID-shaped id for a demo row, from its kind and natural key. */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`l2c-visits-demo/${kind}/${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32 seeded from a string (FNV-1a): the same dealer always draws the same numbers. */
function seeded(key: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
