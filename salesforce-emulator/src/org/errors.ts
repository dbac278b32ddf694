/**
 * The catalogue of per-record errors the org reports, with Salesforce's status codes and message texts. Every
 * error a DML call can return is built here, so the wording stays identical across REST, collections and Bulk.
 */
import type { SaveError } from './types.ts';

const error = (statusCode: string, message: string, fields: string[] = []): SaveError => ({ statusCode, message, fields });

export const saveErrors = {
  requiredFieldMissing: (fields: string[]) => error('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields),
  restrictedPicklist: (field: string, label: string, value: string) =>
    error('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${label}: bad value for restricted picklist field: ${value}`, [field]),
  stringTooLong: (field: string, label: string, value: string, max: number) =>
    error('STRING_TOO_LONG', `${label}: data value too large: ${value} (max length=${max})`, [field]),
  invalidType: (field: string, label: string, value: unknown) =>
    error('INVALID_TYPE_ON_FIELD_IN_RECORD', `${label}: value not of required type: ${String(value)}`, [field]),
  numberOutsideRange: (field: string, label: string, value: unknown, precision: number, scale: number) =>
    error('NUMBER_OUTSIDE_VALID_RANGE', `${label}: value outside of valid range on numeric field: ${String(value)} (precision=${precision}, scale=${scale})`, [field]),
  invalidEmail: (field: string, label: string, value: string) => error('INVALID_EMAIL_ADDRESS', `${label}: invalid email address: ${value}`, [field]),
  noSuchColumn: (field: string, type: string) => error('INVALID_FIELD', `No such column '${field}' on sobject of type ${type}`, [field]),
  notWritable: (fields: string[]) =>
    error(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields,
    ),
  idOnInsert: () => error('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']),
  idNotSpecified: (operation: 'update' | 'delete' | 'undelete') => error('MISSING_ARGUMENT', `Id not specified in an ${operation} call`, ['Id']),
  malformedId: (value: string) => error('MALFORMED_ID', `malformed id ${value}`, []),
  wrongIdType: (label: string, value: string, field = 'Id') => error('MALFORMED_ID', `${label}: id value of incorrect type: ${value}`, [field]),
  referenceOfWrongType: (field: string, label: string, value: string) =>
    error('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${value}`, [field]),
  invalidCrossReference: (fields: string[] = []) => error('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', fields),
  entityIsDeleted: () => error('ENTITY_IS_DELETED', 'entity is deleted', []),
  notFound: () => error('NOT_FOUND', 'The requested resource does not exist', []),
  duplicateValue: (field: string, existingId: string) =>
    error('DUPLICATE_VALUE', `duplicate value found: ${field} duplicates value on record with id: ${existingId}`, []),
  duplicateExternalId: (field: string, ids: string[]) =>
    error('DUPLICATE_EXTERNAL_ID', `${field}: more than one record found for external id field: [${ids.join(', ')}]`, [field]),
  missingExternalId: (field: string) => error('MISSING_ARGUMENT', `${field} not specified`, [field]),
  notAnExternalId: (field: string, type: string) =>
    error('INVALID_FIELD', `Field ${field} is not an External ID or indexed field for ${type}`, [field]),
  foreignKeyNotFound: (value: string, field: string, type: string) =>
    error('INVALID_FIELD', `Foreign key external ID: ${value} not found for field ${field} in entity ${type}`, []),
  foreignKeyAmbiguous: (value: string, field: string, type: string) =>
    error('INVALID_FIELD', `Foreign key external ID: ${value} matched more than one record for field ${field} in entity ${type}`, []),
  invalidTypeForOperation: (type: string, operation: string) =>
    error('INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${operation}: ${type}`, []),
  deleteRestricted: (childType: string) =>
    error('DELETE_FAILED', `Your attempt to delete this record could not be completed because it is associated with the following ${childType} records.`, []),
  undeleteNotDeleted: () => error('UNDELETE_FAILED', 'Entity is not in the recycle bin', []),
  rolledBack: () =>
    error('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header', []),
};
