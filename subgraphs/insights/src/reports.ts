import type { BottlenecksResult } from './domain/analyses/bottlenecks.ts';
import type { ConformanceResult } from './domain/analyses/conformance.ts';
import type { CycleTimesResult } from './domain/analyses/cycleTimes.ts';
import type { DiscountImpactResult } from './domain/analyses/discountImpact.ts';
import type { FunnelResult } from './domain/analyses/funnel.ts';
import type { ProcessMapResult } from './domain/analyses/processMap.ts';
import type { SalesRepResult } from './domain/analyses/salesReps.ts';
import type { VariantsResult } from './domain/analyses/variants.ts';
import type { CaseFilter } from './store/cases.ts';

/** Every report carries the log position it was computed at: the same `asOf`, the same figures. */
export type Report<T> = T & { asOf: string };

/** The process map keeps the filter it was computed for: its picture's link repeats the same question. */
export type ProcessMapParent = Report<ProcessMapResult> & { filter: CaseFilter };
export type VariantsParent = Report<VariantsResult>;
export type CycleTimesParent = Report<CycleTimesResult>;
export type BottlenecksParent = Report<BottlenecksResult>;
export type FunnelParent = Report<FunnelResult>;
export type ConformanceReportParent = Report<ConformanceResult> & { approvalDiscountPercent: string };
export type DiscountImpactReportParent = Report<DiscountImpactResult>;
export type SalesRepReportParent = Report<{ salesReps: SalesRepResult[] }>;
export interface ViolationParent {
  caseId: string;
  at: number;
  detail: string;
}
export interface DownloadParent {
  format: 'CSV' | 'XES' | 'OCEL';
  url: string;
  expiresAt: Date;
}
