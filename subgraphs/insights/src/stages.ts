import type { Logger } from '@l2c/shared';
import type { CrmDirectory } from './crm.ts';

export interface StageOrder {
  openStages: string[];
  wonStages: string[];
}

/**
 * CRM's opportunity stages, in order, for the skipped-stage rule: asked through the graph and kept for `ttlMs`.
 * Null when CRM cannot be asked (the rule is then reported as not checked rather than guessed).
 */
export function stageCatalogue(crm: CrmDirectory | null, logger: Logger, ttlMs = 5 * 60_000): () => Promise<StageOrder | null> {
  let cached: { at: number; order: StageOrder } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.order;
    if (!crm) return null;
    try {
      const stages = [...(await crm.opportunityStages())].sort((a, b) => a.sortOrder - b.sortOrder);
      const order = { openStages: stages.filter((s) => !s.isClosed).map((s) => s.name), wonStages: stages.filter((s) => s.isWon).map((s) => s.name) };
      cached = { at: Date.now(), order };
      return order;
    } catch (error) {
      logger.warn({ err: error }, 'CRM opportunity stages not available; skipped stages are not checked');
      return cached?.order ?? null;
    }
  };
}
