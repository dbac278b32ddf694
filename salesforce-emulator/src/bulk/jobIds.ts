/**
 * Job IDs: 18-character Salesforce IDs with the `750` key prefix (AsyncApexJob / Bulk job), the same for ingest and
 * query jobs. The 3-character suffix is Salesforce's case-safe checksum of the first 15 characters.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Appends the case-safe suffix to a 15-character ID. */
export function toEighteen(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return id15 + suffix;
}

/** Makes job IDs `750` + pod `8c` + a random-looking but unique base-62 counter. */
export function createJobIdGenerator(): () => string {
  // Start from a time-derived number so IDs from two emulator runs are unlikely to collide in a client's logs.
  let counter = Date.now() % 1_000_000_000;
  return () => {
    counter += 1;
    let n = counter;
    let body = '';
    for (let i = 0; i < 10; i += 1) {
      body = BASE62[n % 62] + body;
      n = Math.floor(n / 62);
    }
    return toEighteen(`7508c${body}`);
  };
}
