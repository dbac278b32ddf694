import { childrenLoader, rowLoader, type DataLoader, type Scope, type Store } from '@l2c/shared';
import { casesByIds } from './store/cases.ts';
import { caseEvents, type EventView } from './store/events.ts';
import type { CaseRow } from './store/rows.ts';

/** One request's loaders, scoped to the caller: a partner's nested lookups never reach another dealer's cases. */
export interface Loaders {
  processCase: DataLoader<string, CaseRow | null>;
  /** Reached only through a case already checked against scope. */
  caseEvents: DataLoader<string, EventView[]>;
}

export function createLoaders(store: Store, scope: Scope): Loaders {
  return {
    processCase: rowLoader((ids) => casesByIds(store, scope, ids), (row) => row.case_id),
    caseEvents: childrenLoader((ids) => caseEvents(store, ids), (row) => row.case_id),
  };
}
