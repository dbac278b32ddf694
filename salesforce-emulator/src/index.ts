/** The Salesforce emulator: `createEmulator` for tests and start-up scripts; the org and schema for tools. */
export { createEmulator, DEV_CREDENTIALS, type Emulator, type EmulatorOptions } from './server.ts';
export { loadMetadata, type LoadMetadataOptions } from './metadata/loadMetadata.ts';
export { describeSObject } from './metadata/describe.ts';
export type * from './metadata/types.ts';
export * from './org/index.ts';
