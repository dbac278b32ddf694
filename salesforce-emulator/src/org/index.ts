export { createOrg, type CreateOrgOptions } from './createOrg.ts';
export { caseSuffix, normalizeId, keyPrefixOf } from './ids.ts';
export { formatDateTime, parseDateTime } from './datetime.ts';
export { loadSnapshot, saveSnapshot } from './snapshot.ts';
export type { SeedUser } from './seed.ts';
export type * from './types.ts';
