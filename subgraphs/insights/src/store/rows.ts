import type { Connection, Edge } from '@l2c/shared';
import type { Facts, TraceEntry } from '../domain/trace.ts';

/** Rows as the insights store returns them; the resolvers' parent types (codegen mappers) are these. */

export type CaseKind = 'OPPORTUNITY' | 'LEAD';

export interface CaseRow {
  case_no: number;
  case_id: string;
  kind: CaseKind;
  dealer_id: string | null;
  sales_rep: string | null;
  segment: string | null;
  product_family: string | null;
  region: string | null;
  stage: string | null;
  amount: string | null;
  list_amount: string | null;
  discount_percent: string | null;
  is_won: boolean | null;
  started_at: Date;
  ended_at: Date;
  event_count: number;
  trace: TraceEntry[];
  facts: Facts;
}

export interface BackfillRow {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  records_read: number;
  events_added: number;
  error: string | null;
}

export type CaseConnectionParent = Connection<CaseRow>;
export type CaseEdgeParent = Edge<CaseRow>;

/** Another subgraph's entity, as this one knows it: by id. */
export interface EntityRef {
  id: string;
}
