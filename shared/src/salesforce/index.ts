/** The Salesforce client: jsforce with OAuth logins, counted and retried calls, one error type, Bulk API 2.0, CDC. */
export { SalesforceClient, sfDateTime, type ApiRequest, type ApiResponse, type CallCounter, type CallRecord, type SalesforceClientOptions } from './client.ts';
export { jwtAssertion, loginGrant, type ClientCredentialsAuth, type JwtBearerAuth, type PasswordAuth, type SalesforceAuth } from './auth.ts';
export { isRetryable, normalizeError, recordError, SalesforceError, type SalesforceErrorSource } from './errors.ts';
export { BulkClient, parseBulkError, type BulkJobInfo, type BulkResultPage, type IngestOperation, type IngestResultRow } from './bulk.ts';
export { subscribeChanges, type CdcSubscription, type CdcSubscriptionOptions, type ChangeEventInfo } from './cdc.ts';
export { CsvFormatError, CsvRecordReader, csvLines, parseCsv, parseCsvRows, toCsv, type CsvDialect } from '../csv/index.ts';
export type * from './types.ts';
