import { requireRole } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { ALL_CASES, OPPORTUNITIES, report } from '../analyse.ts';
import { bottlenecksAnalysis } from '../domain/analyses/bottlenecks.ts';
import { conformanceAnalysis } from '../domain/analyses/conformance.ts';
import { cycleTimesAnalysis } from '../domain/analyses/cycleTimes.ts';
import { discountImpactAnalysis } from '../domain/analyses/discountImpact.ts';
import { funnelAnalysis } from '../domain/analyses/funnel.ts';
import { processMapAnalysis } from '../domain/analyses/processMap.ts';
import { salesRepsAnalysis } from '../domain/analyses/salesReps.ts';
import { variantsAnalysis } from '../domain/analyses/variants.ts';
import { listBackfills } from '../store/backfills.ts';
import { caseConnection } from '../store/caseList.ts';
import { logStatus } from '../store/status.ts';
import { bandBoundaries, caseFilter, conformanceSettings, firstValue } from './inputs.ts';

/** Every analysis reads the caller's cases only (a partner's dealer's), filtered in SQL, on one snapshot of the log. */
export const Query = {
  processLog: (_p, _a, ctx) => logStatus(ctx.store, ctx.scope),
  processCase: (_p, { id }, ctx) => ctx.loaders.processCase.load(id),
  processCases: (_p, args, ctx) => caseConnection(ctx.store, ctx.scope, caseFilter(args.filter), ALL_CASES, { first: firstValue('first', args.first, 20), after: args.after ?? null }),
  processMap: async (_p, { filter }, ctx) => {
    const checked = caseFilter(filter);
    return { ...(await report(ctx.store, ctx.scope, checked, processMapAnalysis())), filter: checked };
  },
  processVariants: (_p, args, ctx) => report(ctx.store, ctx.scope, caseFilter(args.filter), variantsAnalysis({ first: firstValue('first', args.first, 20) })),
  cycleTimes: (_p, args, ctx) => report(ctx.store, ctx.scope, caseFilter(args.filter), cycleTimesAnalysis(args.by ?? 'SEGMENT')),
  bottlenecks: (_p, args, ctx) => report(ctx.store, ctx.scope, caseFilter(args.filter), bottlenecksAnalysis({ first: firstValue('first', args.first, 10) })),
  conversionFunnel: (_p, args, ctx) => report(ctx.store, ctx.scope, caseFilter(args.filter), funnelAnalysis(), ALL_CASES),
  conformance: async (_p, args, ctx) => {
    const filter = caseFilter(args.filter);
    const limit = firstValue('casesPerRule', args.casesPerRule, 20, 1000);
    const settings = await conformanceSettings(ctx, args.settings);
    return { ...(await report(ctx.store, ctx.scope, filter, conformanceAnalysis(settings, { limit }))), approvalDiscountPercent: settings.approvalDiscountPercent };
  },
  discountImpact: (_p, args, ctx) => report(ctx.store, ctx.scope, caseFilter(args.filter), discountImpactAnalysis(bandBoundaries(args.bands ?? ['0', '5', '10', '15', '20'])), OPPORTUNITIES),
  salesRepPerformance: async (_p, args, ctx) => {
    const filter = caseFilter(args.filter);
    return report(ctx.store, ctx.scope, filter, salesRepsAnalysis(await conformanceSettings(ctx, args.settings)));
  },
  processLogExport: (_p, args, ctx) => {
    const { url, expiresAt } = ctx.links.sign({ kind: 'export', format: args.format, scope: ctx.scope, filter: caseFilter(args.filter) });
    return { format: args.format, url, expiresAt };
  },
  processLogBackfills: (_p, args, ctx) => {
    requireRole(ctx.identity, 'processLogBackfills', 'staff', 'sf_admin', 'engineer');
    return listBackfills(ctx.store, firstValue('first', args.first, 10, 100));
  },
} satisfies QueryResolvers;
