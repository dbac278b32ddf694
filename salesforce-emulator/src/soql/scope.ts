/**
 * What compiling and running one query needs: the org (schema and records), the options of the call, and where the
 * query being compiled sits in the text (for error positions). A compiled query is used once, by the call that
 * compiled it, so readers capture the run's options directly.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { OrgSchema, SObjectSchema } from '../metadata/types.ts';
import type { Org, ReadOptions } from '../org/types.ts';
import type { Locator } from './locate.ts';

/** The reads the engine makes: records of an object, one record by ID, the children of a parent. */
export type QuerySource = Pick<Org, 'get' | 'records' | 'children'>;

/** The org as the engine sees it. */
export interface QueryOrg {
  readonly schema: OrgSchema;
  readonly source: QuerySource;
  /** The clock date literals are evaluated against. Default: the system clock. */
  now?(): Date;
}

/** Options of one query call. */
export interface QueryCallOptions {
  /** `NN.0`, used in each record's `attributes.url`. */
  apiVersion: string;
  /** queryAll: include the recycle bin. Default: false. */
  includeDeleted?: boolean;
}

/** Everything shared by the whole query and its subqueries during one call. */
export interface Env {
  readonly soql: string;
  readonly schema: OrgSchema;
  readonly source: QuerySource;
  readonly now: Date;
  readonly read: ReadOptions;
  /** `/services/data/vNN.0/sobjects/`, the prefix of every record URL. */
  readonly urlPrefix: string;
  /** Compiles the subquery of a semi-join (`Id IN (SELECT AccountId FROM Contact)`) into the set of IDs it selects. */
  semiJoin(query: Query, region: Locator, object: SObjectSchema): () => ReadonlySet<string>;
}

/** One SELECT being compiled: the object it reads and the region of the text it was written in. */
export interface Scope {
  readonly env: Env;
  readonly object: SObjectSchema;
  readonly alias: string | undefined;
  /** Lazily built, as only errors need it. */
  region(): Locator;
}
