import type {
  BottleneckReportResolvers,
  BottleneckTransitionResolvers,
  ConformanceViolationResolvers,
  CycleTimeGroupResolvers,
  DiscountBandResolvers,
  DurationStatsResolvers,
  ProcessMapResolvers,
  ProcessVariantResolvers,
} from '../__generated__/resolvers-types.ts';
import { processMapDot } from '../picture/processMapDot.ts';
import { renderSvg } from '../picture/renderSvg.ts';
import { firstValue } from './inputs.ts';

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export const DurationStats = {
  totalSeconds: (d) => d.totalMs / 1000,
  meanSeconds: (d) => seconds(d.meanMs),
  medianSeconds: (d) => seconds(d.medianMs),
  p90Seconds: (d) => seconds(d.p90Ms),
  minSeconds: (d) => seconds(d.minMs),
  maxSeconds: (d) => seconds(d.maxMs),
} satisfies DurationStatsResolvers;

export const ProcessMap = {
  svg: (map, args) => renderSvg(processMapDot(map, { weight: args.weight ?? 'FREQUENCY', minFrequency: firstValue('minFrequency', args.minFrequency, 1, 1_000_000_000) })),
  svgUrl: (map, args, ctx) =>
    ctx.links.sign({ kind: 'map', weight: args.weight ?? 'FREQUENCY', minFrequency: firstValue('minFrequency', args.minFrequency, 1, 1_000_000_000), scope: ctx.scope, filter: map.filter }).url,
} satisfies ProcessMapResolvers;

export const ProcessVariant = {
  meanDurationSeconds: (v) => v.meanDurationMs / 1000,
} satisfies ProcessVariantResolvers;

export const CycleTimeGroup = {
  leadToWon: (g) => g.times.leadToWon,
  opportunityToClose: (g) => g.times.opportunityToClose,
  quoteToOrder: (g) => g.times.quoteToOrder,
  orderToCash: (g) => g.times.orderToCash,
} satisfies CycleTimeGroupResolvers;

export const BottleneckReport = {
  workingSeconds: (r) => r.workingMs / 1000,
  waitingSeconds: (r) => r.waitingMs / 1000,
  workingShare: (r) => (r.workingMs + r.waitingMs === 0 ? null : r.workingMs / (r.workingMs + r.waitingMs)),
} satisfies BottleneckReportResolvers;

export const BottleneckTransition = {
  workingSeconds: (t) => t.workingMs / 1000,
  waitingSeconds: (t) => t.waitingMs / 1000,
} satisfies BottleneckTransitionResolvers;

export const ConformanceViolation = {
  at: (v) => new Date(v.at),
  processCase: (v, _args, ctx) => ctx.loaders.processCase.load(v.caseId),
} satisfies ConformanceViolationResolvers;

export const DiscountBand = {
  fromPercent: (b) => b.from,
  toPercent: (b) => b.to,
} satisfies DiscountBandResolvers;
