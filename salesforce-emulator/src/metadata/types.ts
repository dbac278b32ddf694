/**
 * The org schema: what a metadata file says about an object (`ObjectDefinition`, compact, written by hand) and what
 * the emulator serves and reasons with (`DescribeSObjectResult`, `DescribeField`, the exact shapes of Salesforce's
 * REST describe). The query engine and the org read `SObjectSchema`, which is the describe plus case-insensitive
 * lookups, because Salesforce resolves object, field and relationship names case-insensitively.
 */

/** Salesforce's field types as `describe` reports them (`DescribeFieldResult.type`). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'encryptedstring'
  | 'base64'
  | 'address'
  | 'location'
  | 'anyType';

/** The XSD type the SOAP API would use; REST describe reports it as `soapType`. */
export type SoapType =
  | 'tns:ID'
  | 'xsd:string'
  | 'xsd:boolean'
  | 'xsd:int'
  | 'xsd:long'
  | 'xsd:double'
  | 'xsd:date'
  | 'xsd:dateTime'
  | 'xsd:time'
  | 'xsd:base64Binary'
  | 'urn:address'
  | 'urn:location'
  | 'xsd:anyType';

// ---------------------------------------------------------------------------------------------------------------
// Metadata files (input)
// ---------------------------------------------------------------------------------------------------------------

/** One picklist value in a metadata file; a bare string is shorthand for `{ value }`. */
export interface PicklistValueDefinition {
  value: string;
  /** Shown in the UI. Default: `value`. */
  label?: string;
  /** The value a new record gets when the field is omitted on create. Default: false. */
  default?: boolean;
  /** Inactive values are described but refused on write. Default: true. */
  active?: boolean;
}

/**
 * One field in a metadata file. Everything but `name` and `type` has Salesforce's usual default, so a file lists
 * only what differs from an ordinary nillable, createable, updateable field.
 */
export interface FieldDefinition {
  /** API name, e.g. `LastName` or `L2C_Id__c`. */
  name: string;
  type: FieldType;
  /** Default: the name split into words. */
  label?: string;
  /** Maximum characters for text types (string, textarea, email, phone, url, picklist…). Default by type: 255 for string, 80 for email… see `normalizeField`. */
  length?: number;
  /** Total digits for double, currency and percent. Default: 18. */
  precision?: number;
  /** Digits after the decimal point for double, currency and percent. Default: 0 for double, 2 for currency. */
  scale?: number;
  /** Digits for int. Default: 9. */
  digits?: number;
  /** Null allowed. Default: true, except the Id and boolean fields. A non-nillable createable field that is not defaulted on create is required. */
  nillable?: boolean;
  /** Settable on create. Default: true (false for `id` and calculated fields). */
  createable?: boolean;
  /** Settable on update. Default: true (false for `id` and calculated fields). */
  updateable?: boolean;
  /** An external ID: usable as the upsert key. Default: false. */
  externalId?: boolean;
  /** No two records share a value. Default: false. */
  unique?: boolean;
  /** Unique values compare case-sensitively. Default: false. */
  caseSensitive?: boolean;
  /** Can identify a record (upsert key, SOSL). Default: true for Id, Name, external IDs. */
  idLookup?: boolean;
  /** The object's name field. Default: true for a field called `Name`. */
  nameField?: boolean;
  /** Salesforce fills it when the create omits it (system fields, OwnerId, checkbox fields). Default: false, true for boolean. */
  defaultedOnCreate?: boolean;
  /** A literal default applied on create when the field is omitted. */
  defaultValue?: string | number | boolean | null;
  /** A formula or roll-up: read-only, never written by the API. Default: false. */
  calculated?: boolean;
  /** An auto-number: read-only string assigned on create. Default: false. */
  autoNumber?: boolean;
  /** For `reference` fields: the objects it may point to. */
  referenceTo?: string[];
  /** For `reference` fields: the parent relationship name used in SOQL (`Account` for `AccountId`, `SBQQ__Quote__r`). */
  relationshipName?: string;
  /** For `reference` fields: the child relationship name on the parent (`Contacts` on Account for `Contact.AccountId`). Omit to keep the reference out of the parent's `childRelationships`. */
  childRelationshipName?: string;
  /** For `reference` fields: deleting the parent deletes this record (master-detail). Default: false. */
  cascadeDelete?: boolean;
  /** For `reference` fields: the parent cannot be deleted while this record points at it. Default: false. */
  restrictedDelete?: boolean;
  /** Picklist values; bare strings are shorthand. */
  picklistValues?: (string | PicklistValueDefinition)[];
  /** Refuse values outside `picklistValues` with `INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST`. Default: false. */
  restrictedPicklist?: boolean;
  /** For `textarea`: rich or plain long text. Informational. */
  extraTypeInfo?: string | null;
  /** For dependent picklists. */
  controllerName?: string | null;
  /** Help text shown in the UI. */
  inlineHelpText?: string | null;
}

/**
 * One object in a metadata file (`metadata/objects/<Name>.json`). A file for an object that already exists adds or
 * replaces fields by name and overrides the flags it sets, so an extra-definitions folder can add a `__c` field to a
 * standard object with a file holding only `{ "name": "Lead", "fields": [ … ] }`.
 */
export interface ObjectDefinition {
  /** A note for readers of the file (where a value comes from, what is unverified); ignored. */
  $comment?: string;
  /** API name, e.g. `Lead` or `SBQQ__Quote__c`. */
  name: string;
  /** Three characters that start every record ID of this object (`00Q` for Lead). Required for a new object. */
  keyPrefix?: string;
  /** Default: the name. */
  label?: string;
  /** Default: the label plus "s". */
  labelPlural?: string;
  /** Default: true when the name ends in `__c`. */
  custom?: boolean;
  /** Default: true. */
  createable?: boolean;
  /** Default: true. */
  updateable?: boolean;
  /** Default: true. */
  deletable?: boolean;
  /** Default: true. */
  queryable?: boolean;
  /** Deleted records go to the recycle bin and can be undeleted. Default: true. */
  undeletable?: boolean;
  /** `getUpdated`/`getDeleted` are allowed. Default: true. */
  replicateable?: boolean;
  /** Default: true. */
  searchable?: boolean;
  /**
   * Add the standard system fields (Id, IsDeleted, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
   * SystemModstamp). Default: true.
   */
  systemFields?: boolean;
  /** Add an `OwnerId` reference to User (relationship `Owner`), defaulted on create. Default: false. */
  owned?: boolean;
  /** Fields beyond the system fields, in describe order. */
  fields?: FieldDefinition[];
}

// ---------------------------------------------------------------------------------------------------------------
// Describe results (output): Salesforce's REST shapes
// ---------------------------------------------------------------------------------------------------------------

/** `PicklistEntry` in a describe. */
export interface PicklistEntry {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: string | null;
  value: string;
}

/** `DescribeFieldResult` in `/sobjects/{T}/describe` → `fields[]`. */
export interface DescribeField {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: string | number | boolean | null;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: null;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: PicklistEntry[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: SoapType;
  sortable: boolean;
  type: FieldType;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
}

/** `ChildRelationship` in a describe: a reference on `childSObject.field` that points at this object. */
export interface ChildRelationship {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

/** The `urls` block of a describe, relative to the instance (`/services/data/v60.0/sobjects/Lead`…). */
export interface SObjectUrls {
  sobject: string;
  describe: string;
  rowTemplate: string;
  [key: string]: string;
}

/** The object-level flags shared by describeGlobal entries and full describes. */
export interface DescribeGlobalSObject {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
  urls: SObjectUrls;
}

/** `GET /sobjects` */
export interface DescribeGlobalResult {
  encoding: 'UTF-8';
  maxBatchSize: number;
  sobjects: DescribeGlobalSObject[];
}

/** `GET /sobjects/{T}/describe` */
export interface DescribeSObjectResult extends DescribeGlobalSObject {
  actionOverrides: unknown[];
  childRelationships: ChildRelationship[];
  compactLayoutable: boolean;
  defaultImplementation: string | null;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  fields: DescribeField[];
  implementedBy: string | null;
  implementsInterfaces: string | null;
  listviewable: boolean | null;
  lookupLayoutable: boolean | null;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  recordTypeInfos: unknown[];
  searchLayoutable: boolean;
  sobjectDescribeOption: string;
  supportedScopes: { label: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// The resolved schema the emulator reasons with
// ---------------------------------------------------------------------------------------------------------------

/**
 * One object of the org, resolved: the describe (urls relative to API version `vXX.X` are produced on demand by
 * `describeSObject`), plus lookups. Every map is keyed by the lower-cased name.
 */
export interface SObjectSchema {
  /** The API name with Salesforce's spelling. */
  readonly name: string;
  readonly keyPrefix: string;
  /** The describe without `urls` (they depend on the API version of the request). */
  readonly describe: Omit<DescribeSObjectResult, 'urls'>;
  /** Fields in describe order. */
  readonly fields: readonly DescribeField[];
  /** Field by lower-cased API name. */
  readonly fieldsByName: ReadonlyMap<string, DescribeField>;
  /** Reference field by lower-cased relationship name (`account` → `AccountId`, `sbqq__quote__r` → `SBQQ__Quote__c`). */
  readonly parentRelationships: ReadonlyMap<string, DescribeField>;
  /** Child relationship by lower-cased relationship name (`contacts` → `{ childSObject: 'Contact', field: 'AccountId' }`). */
  readonly childRelationships: ReadonlyMap<string, ChildRelationship>;
  /** External ID fields (upsert keys), always including `Id`. */
  readonly externalIdFields: readonly DescribeField[];
  /** The name field (`Name`, or `LastName`-built `Name` on Lead/Contact), if any. */
  readonly nameField: DescribeField | undefined;
  /** True when the object has `OwnerId`. */
  readonly owned: boolean;
}

/** The whole org schema. Object names resolve case-insensitively. */
export interface OrgSchema {
  /** Objects in describeGlobal order (alphabetical). */
  readonly objects: readonly SObjectSchema[];
  /** Object by API name, any case. */
  object(name: string): SObjectSchema | undefined;
  /** Object by the three-character key prefix of its IDs. */
  objectByKeyPrefix(prefix: string): SObjectSchema | undefined;
}
