import { dateValue, forbidden, isoDate } from '@l2c/shared';
import { dealerPerformance, monthsBetween, type Performance } from '../domain/performance.ts';
import { performanceFacts } from '../store/performance.ts';
import { clock, type CommandContext } from './context.ts';

export interface PerformanceArgs {
  from?: string | null;
  to?: string | null;
  templateId?: string | null;
}

export interface DealerPerformanceResult extends Performance {
  dealerId: string;
  templateId: string | null;
}

/** Months covered when no `from` is given: the month of `to` and the five before it. */
export const DEFAULT_MONTHS = 6;

/**
 * A dealer's performance from the completed visits the caller may see: a partner its own dealer's (another dealer's
 * is refused), an assessor the visits assigned to it, staff all. `to` defaults to today, `from` to the first day of
 * the sixth month back.
 */
export async function dealerPerformanceOf(ctx: CommandContext, dealerId: string, args: PerformanceArgs): Promise<DealerPerformanceResult> {
  if (ctx.scope.kind === 'dealer' && ctx.scope.dealerAccountId !== dealerId) throw forbidden(`dealerId: a partner reads its own dealer's performance only (${ctx.scope.dealerAccountId})`);
  const to = args.to == null ? isoDate(clock(ctx)) : dateValue('to', args.to);
  const from = args.from == null ? firstOfMonthBefore(to, DEFAULT_MONTHS - 1) : dateValue('from', args.from);
  monthsBetween(from, to);
  const before = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const facts = await performanceFacts(ctx.store, ctx.scope, { dealerId, from: new Date(`${from}T00:00:00Z`), before, templateId: args.templateId ?? null });
  return { dealerId, templateId: args.templateId ?? null, ...dealerPerformance({ from, to }, facts.visits, facts.results) };
}

/** The first day of the month `months` before the month of `date`. */
function firstOfMonthBefore(date: string, months: number): string {
  const at = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 - months, 1));
  return at.toISOString().slice(0, 10);
}
