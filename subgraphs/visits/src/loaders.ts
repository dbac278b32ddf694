import { childrenLoader, rowLoader, type DataLoader, type Store } from '@l2c/shared';
import { assessorsByIds } from './store/assessors.ts';
import { locationsByDealerIds, locationsByIds } from './store/dealers.ts';
import { resultsByVisitIds } from './store/results.ts';
import type { AssessorRow, IndicatorDefinitionRow, IndicatorResultRow, LocationRow, TemplateRow, TemplateTaskRow, TemplateVersionRow, VisitRow, VisitTaskRow } from './store/rows.ts';
import type { VisitsScope } from './store/scope.ts';
import { indicatorsByIds, indicatorsByVersionIds, tasksByVersionIds, templatesByIds, versionsByIds, versionsByTemplateIds } from './store/templates.ts';
import { assessorsByVisitIds, tasksByVisitIds, visitsByIds } from './store/visits.ts';

/**
 * One request's loaders. Visits are loaded in the caller's scope, so a visit reached by id, by reference or through
 * an account reads as null to a caller who may not see it. Tasks, results and assessors of a visit are reached only
 * through a visit already loaded in scope. Templates, locations and assessors are the OEM's reference data.
 */
export interface Loaders {
  visit: DataLoader<string, VisitRow | null>;
  visitTasks: DataLoader<string, VisitTaskRow[]>;
  visitResults: DataLoader<string, IndicatorResultRow[]>;
  visitAssessors: DataLoader<string, AssessorRow[]>;
  template: DataLoader<string, TemplateRow | null>;
  templateVersion: DataLoader<string, TemplateVersionRow | null>;
  templateVersions: DataLoader<string, TemplateVersionRow[]>;
  versionTasks: DataLoader<string, TemplateTaskRow[]>;
  versionIndicators: DataLoader<string, IndicatorDefinitionRow[]>;
  indicator: DataLoader<string, IndicatorDefinitionRow | null>;
  assessor: DataLoader<string, AssessorRow | null>;
  location: DataLoader<string, LocationRow | null>;
  dealerLocations: DataLoader<string, LocationRow[]>;
}

export function createLoaders(store: Store, scope: VisitsScope): Loaders {
  return {
    visit: rowLoader((ids) => visitsByIds(store, scope, ids), (row) => row.id),
    visitTasks: childrenLoader((ids) => tasksByVisitIds(store, ids), (row) => row.visit_id),
    visitResults: childrenLoader((ids) => resultsByVisitIds(store, ids), (row) => row.visit_id),
    visitAssessors: childrenLoader((ids) => assessorsByVisitIds(store, ids), (row) => row.visit_id),
    template: rowLoader((ids) => templatesByIds(store, ids), (row) => row.id),
    templateVersion: rowLoader((ids) => versionsByIds(store, ids), (row) => row.id),
    templateVersions: childrenLoader((ids) => versionsByTemplateIds(store, ids), (row) => row.template_id),
    versionTasks: childrenLoader((ids) => tasksByVersionIds(store, ids), (row) => row.version_id),
    versionIndicators: childrenLoader((ids) => indicatorsByVersionIds(store, ids), (row) => row.version_id),
    indicator: rowLoader((ids) => indicatorsByIds(store, ids), (row) => row.id),
    assessor: rowLoader((ids) => assessorsByIds(store, ids), (row) => row.id),
    location: rowLoader((ids) => locationsByIds(store, ids), (row) => row.id),
    dealerLocations: childrenLoader((ids) => locationsByDealerIds(store, ids), (row) => row.dealer_id),
  };
}
