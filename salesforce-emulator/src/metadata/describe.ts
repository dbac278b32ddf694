import type { DescribeGlobalResult, DescribeGlobalSObject, DescribeSObjectResult, OrgSchema, SObjectSchema, SObjectUrls } from './types.ts';

/** `GET /services/data/vXX.X/sobjects/{T}/describe` for the given API version (`60.0`). */
export function describeSObject(object: SObjectSchema, version: string): DescribeSObjectResult {
  return { ...object.describe, urls: describeUrls(object.name, version) };
}

/** `GET /services/data/vXX.X/sobjects`. */
export function describeGlobal(schema: OrgSchema, version: string): DescribeGlobalResult {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.objects.map((object) => globalEntry(object, version)) };
}

/** One describeGlobal entry: the object-level flags, with the short url set Salesforce gives there. */
export function globalEntry(object: SObjectSchema, version: string): DescribeGlobalSObject {
  const d = object.describe;
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    activateable: d.activateable,
    associateEntityType: d.associateEntityType,
    associateParentEntity: d.associateParentEntity,
    createable: d.createable,
    custom: d.custom,
    customSetting: d.customSetting,
    deepCloneable: d.deepCloneable,
    deletable: d.deletable,
    deprecatedAndHidden: d.deprecatedAndHidden,
    feedEnabled: d.feedEnabled,
    hasSubtypes: d.hasSubtypes,
    isInterface: d.isInterface,
    isSubtype: d.isSubtype,
    keyPrefix: d.keyPrefix,
    label: d.label,
    labelPlural: d.labelPlural,
    layoutable: d.layoutable,
    mergeable: d.mergeable,
    mruEnabled: d.mruEnabled,
    name: d.name,
    queryable: d.queryable,
    replicateable: d.replicateable,
    retrieveable: d.retrieveable,
    searchable: d.searchable,
    triggerable: d.triggerable,
    undeletable: d.undeletable,
    updateable: d.updateable,
    urls: { rowTemplate: `${base}/{ID}`, defaultValues: `${base}/defaultValues?recordTypeId&fields`, describe: `${base}/describe`, sobject: base },
  };
}

function describeUrls(name: string, version: string): SObjectUrls {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}
