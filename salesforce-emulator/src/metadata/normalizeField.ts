import type { DescribeField, FieldDefinition, FieldType, PicklistEntry, PicklistValueDefinition, SoapType } from './types.ts';

/**
 * Turns a field of a metadata file into the full `DescribeFieldResult` Salesforce would report, filling every flag a
 * file leaves out with Salesforce's default for the field's type.
 */
export function normalizeField(definition: FieldDefinition): DescribeField {
  const { type, name } = definition;
  const readOnly = type === 'id' || definition.calculated === true || definition.autoNumber === true;
  const createable = definition.createable ?? !readOnly;
  const updateable = definition.updateable ?? !readOnly;
  const length = definition.length ?? DEFAULT_LENGTH[type] ?? 0;
  const isText = TEXT_TYPES.has(type);
  const isLongText = type === 'textarea' && length > 255;
  const picklistValues = (definition.picklistValues ?? []).map(toPicklistEntry);
  const defaultPicklistValue = picklistValues.find((entry) => entry.defaultValue)?.value;
  const isBoolean = type === 'boolean';
  const defaultValue = definition.defaultValue ?? (isBoolean ? false : null);
  const precision = NUMERIC_TYPES.has(type) ? (definition.precision ?? 18) : 0;
  return {
    aggregatable: !isLongText && type !== 'multipicklist' && type !== 'base64',
    aiPredictionField: false,
    autoNumber: definition.autoNumber ?? false,
    byteLength: type === 'id' || type === 'reference' ? 18 : isText ? length * 3 : 0,
    calculated: definition.calculated ?? false,
    calculatedFormula: null,
    cascadeDelete: definition.cascadeDelete ?? false,
    caseSensitive: definition.caseSensitive ?? false,
    compoundFieldName: null,
    controllerName: definition.controllerName ?? null,
    createable,
    custom: name.endsWith('__c'),
    defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: definition.defaultedOnCreate ?? (isBoolean || defaultPicklistValue !== undefined || definition.defaultValue !== undefined),
    dependentPicklist: definition.controllerName != null,
    deprecatedAndHidden: false,
    digits: type === 'int' ? (definition.digits ?? 9) : 0,
    displayLocationInDecimal: false,
    encrypted: type === 'encryptedstring',
    externalId: definition.externalId ?? false,
    extraTypeInfo: definition.extraTypeInfo ?? (type === 'textarea' ? (isLongText ? 'plaintextarea' : null) : null),
    filterable: !isLongText && type !== 'base64',
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: GROUPABLE_TYPES.has(type) && !isLongText,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: definition.idLookup ?? (type === 'id' || definition.externalId === true || name === 'Name'),
    inlineHelpText: definition.inlineHelpText ?? null,
    label: definition.label ?? labelFor(name, type),
    length,
    mask: null,
    maskType: null,
    name,
    nameField: definition.nameField ?? name === 'Name',
    namePointing: false,
    nillable: definition.nillable ?? !(type === 'id' || isBoolean),
    permissionable: !readOnly && (definition.nillable ?? true),
    picklistValues,
    polymorphicForeignKey: (definition.referenceTo?.length ?? 0) > 1,
    precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: type === 'reference' ? [...(definition.referenceTo ?? [])] : [],
    relationshipName: type === 'reference' ? (definition.relationshipName ?? relationshipNameFor(name)) : null,
    relationshipOrder: null,
    restrictedDelete: definition.restrictedDelete ?? false,
    restrictedPicklist: definition.restrictedPicklist ?? false,
    scale: NUMERIC_TYPES.has(type) ? (definition.scale ?? (type === 'currency' ? 2 : 0)) : 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPE[type],
    sortable: !isLongText && type !== 'multipicklist' && type !== 'base64',
    type,
    unique: definition.unique ?? false,
    updateable,
    writeRequiresMasterRead: false,
  };
}

/** `AccountId` → `Account`, `SBQQ__Quote__c` → `SBQQ__Quote__r`: Salesforce's naming of parent relationships. */
export function relationshipNameFor(fieldName: string): string {
  if (fieldName.endsWith('__c')) return `${fieldName.slice(0, -3)}__r`;
  if (fieldName.endsWith('Id')) return fieldName.slice(0, -2);
  return fieldName;
}

/** `EarliestInterestDate` → `Earliest Interest Date`, `AccountId` → `Account ID`, `SBQQ__NetPrice__c` → `Net Price`. */
export function labelFor(fieldName: string, type: FieldType): string {
  const bare = fieldName.replace(/__c$/, '').replace(/^[A-Za-z0-9]+__/, '');
  const words = bare
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
  // Salesforce labels ID fields "Account ID", "Record ID".
  if (type === 'id') return `${SYSTEM_ID_LABEL}`;
  if (type === 'reference' && words.endsWith(' Id')) return `${words.slice(0, -3)} ID`;
  return words;
}

function toPicklistEntry(value: string | PicklistValueDefinition): PicklistEntry {
  const definition = typeof value === 'string' ? { value } : value;
  return {
    active: definition.active ?? true,
    defaultValue: definition.default ?? false,
    label: definition.label ?? definition.value,
    validFor: null,
    value: definition.value,
  };
}

const SYSTEM_ID_LABEL = 'Record ID';

const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring']);
const NUMERIC_TYPES = new Set<FieldType>(['double', 'currency', 'percent']);
const GROUPABLE_TYPES = new Set<FieldType>(['id', 'reference', 'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox', 'boolean', 'int', 'long', 'date']);

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  multipicklist: 4099,
  combobox: 255,
  encryptedstring: 175,
};

const SOAP_TYPE: Record<FieldType, SoapType> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  encryptedstring: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
  location: 'urn:location',
  anyType: 'xsd:anyType',
};
