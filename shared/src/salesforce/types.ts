/** The Salesforce REST shapes the client and the sync engine read. Only the members they use are typed. */

/** A record as REST returns it: field API names to values, plus `attributes`. */
export interface SfRecord {
  attributes?: { type: string; url?: string };
  Id?: string;
  [field: string]: unknown;
}

/** One page of `/query` or `/queryAll`. */
export interface QueryPage<R extends SfRecord = SfRecord> {
  totalSize: number;
  done: boolean;
  /** `/services/data/vXX.X/query/<cursorId>-<offset>` while not done. */
  nextRecordsUrl?: string;
  records: R[];
}

/** A field of `describe`. */
export interface FieldDescribe {
  name: string;
  /** `string`, `textarea`, `picklist`, `reference`, `double`, `currency`, `percent`, `int`, `boolean`, `date`, `datetime`, `id`, … */
  type: string;
  label?: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  unique?: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  referenceTo?: string[];
  /** A lookup's relationship name (`Account` for `AccountId`, `SBQQ__Quote__r` for `SBQQ__Quote__c`). */
  relationshipName?: string | null;
  calculated?: boolean;
  picklistValues?: { value: string; active?: boolean; defaultValue?: boolean }[];
}

/** `GET /sobjects/{T}/describe`. */
export interface SObjectDescribe {
  name: string;
  label?: string;
  keyPrefix?: string | null;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  queryable?: boolean;
  replicateable?: boolean;
  fields: FieldDescribe[];
}

/** One record's outcome in a collection or DML call (`statusCode` errors). */
export interface SaveResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: { statusCode?: string; errorCode?: string; message?: string; fields?: string[] }[];
}

/** `GET /sobjects/{T}/deleted`. */
export interface DeletedResult {
  deletedRecords: { id: string; deletedDate: string }[];
  earliestDateAvailable: string;
  latestDateCovered: string;
}

/** `GET /sobjects/{T}/updated`. */
export interface UpdatedResult {
  ids: string[];
  latestDateCovered: string;
}

/** What the last response's `Sforce-Limit-Info: api-usage=N/M` said. */
export interface ApiUsage {
  used: number;
  limit: number;
}
