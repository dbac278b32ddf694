import type { Connection, Edge } from '@l2c/shared';
import type { ActualColumns, ExpectationColumns, IndicatorType } from '../domain/indicators.ts';
import type { ContextKind } from '../domain/templateContent.ts';
import type { TaskStatus, VisitStatus } from '../domain/visitRules.ts';

/**
 * Rows as the visits store returns them; the resolvers' parent types (codegen mappers) are these. `numeric` columns
 * are exact decimal strings, `date` columns `YYYY-MM-DD`, `timestamptz` columns `Date`s.
 */

export type { ContextKind, IndicatorType, TaskStatus, VisitStatus };
export type TemplateVersionStatus = 'DRAFT' | 'PUBLISHED' | 'OBSOLETE';
export type VisitPriority = 'HIGH' | 'MEDIUM' | 'LOW';
export type LocationType = 'SITE' | 'WAREHOUSE' | 'PLANT';

/** An entity another subgraph owns, as this one knows it: by id. */
export interface EntityRef {
  id: string;
}

export interface DealerRow {
  id: string;
  name: string;
  dealer_code: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LocationRow {
  id: string;
  dealer_id: string;
  name: string;
  location_type: LocationType;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  is_primary: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface AssessorRow {
  id: string;
  subject: string;
  name: string;
  email: string | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface TemplateRow {
  id: string;
  name: string;
  unique_name: string;
  description: string | null;
  action_plan_type: string;
  target_entity_type: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface TemplateVersionRow {
  id: string;
  template_id: string;
  version: number;
  name: string;
  status: TemplateVersionStatus;
  change_note: string | null;
  published_at: Date | null;
  obsoleted_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface TemplateTaskRow {
  id: string;
  version_id: string;
  position: number;
  name: string;
  description: string | null;
  is_required: boolean;
  item_entity_type: string;
  created_at: Date;
  updated_at: Date;
}

export interface IndicatorDefinitionRow extends ExpectationColumns {
  id: string;
  version_id: string;
  task_id: string;
  position: number;
  key: string;
  question: string;
  description: string | null;
  data_type: IndicatorType;
  unit: string | null;
  is_required: boolean;
  context_kind: ContextKind | null;
  context_id: string | null;
  context_label: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A visit with its template and version number (joined from the version it was planned with). */
export interface VisitRow {
  id: string;
  number: string;
  dealer_id: string;
  location_id: string;
  template_version_id: string;
  template_id: string;
  template_version: number;
  status: VisitStatus;
  priority: VisitPriority;
  instructions: string | null;
  scheduled_start: Date;
  scheduled_end: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  status_remarks: string | null;
  score: string | null;
  met_count: number;
  evaluated_count: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface VisitTaskRow {
  id: string;
  visit_id: string;
  template_task_id: string | null;
  position: number;
  name: string;
  is_required: boolean;
  task_type: string;
  status: TaskStatus;
  started_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A result with what its definition says (key, question, unit, context, position), joined. */
export interface IndicatorResultRow extends ExpectationColumns, ActualColumns {
  id: string;
  visit_id: string;
  visit_task_id: string | null;
  indicator_id: string | null;
  data_type: IndicatorType;
  is_required: boolean;
  recorded_at: Date | null;
  recorded_by: string | null;
  met: boolean | null;
  deviation: string | null;
  relative_deviation: string | null;
  key: string;
  question: string;
  unit: string | null;
  position: number;
  task_position: number;
  created_at: Date;
  updated_at: Date;
}

export type VisitConnectionParent = Connection<VisitRow>;
export type VisitEdgeParent = Edge<VisitRow>;
export type TemplateConnectionParent = Connection<TemplateRow>;
export type TemplateEdgeParent = Edge<TemplateRow>;
