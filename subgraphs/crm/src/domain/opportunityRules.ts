import { badInput, conflict } from '@l2c/shared';
import type { OpportunityRow, OpportunityStageRow } from '../store/rows.ts';

/**
 * Checks a stage change and returns the target stage. A closed opportunity (won or lost) does not move; Closed Lost
 * needs a loss reason.
 */
export function assertStageChange(
  opportunity: OpportunityRow,
  stages: readonly OpportunityStageRow[],
  stageName: string,
  lossReason: string | null | undefined,
): OpportunityStageRow {
  const target = stages.find((stage) => stage.name === stageName);
  if (!target) throw badInput('stage', stageName, `must be one of the stages: ${stages.map((s) => s.name).join(', ')}`);
  if (opportunity.is_closed) {
    throw conflict(`opportunity ${opportunity.id} is ${opportunity.stage}; a closed opportunity does not change stage`, { rule: 'OPPORTUNITY_CLOSED' });
  }
  if (target.is_closed && !target.is_won && !lossReason?.trim()) {
    throw badInput('lossReason', lossReason ?? null, `must say why the opportunity was lost when moving to ${target.name}`);
  }
  if (lossReason && !(target.is_closed && !target.is_won)) {
    throw badInput('lossReason', lossReason, `is given only when the opportunity is lost, not when moving to ${target.name}`);
  }
  return target;
}
