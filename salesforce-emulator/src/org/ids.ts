/**
 * Salesforce record IDs. The 15-character ID is case-sensitive; the 18-character form appends three characters
 * that encode which of the 15 are upper-case, so the ID survives case-insensitive systems. The API always returns
 * 18 characters and accepts either; an 18-character ID in the wrong case is read through its suffix.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The three-character case suffix of a 15-character ID. */
export function caseSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * The canonical 18-character form of an ID given with 15 or 18 characters, or undefined when it cannot be an ID
 * (wrong length, characters outside [0-9A-Za-z], or a suffix that is not a case suffix).
 */
export function normalizeId(input: string): string | undefined {
  if (!/^[0-9A-Za-z]+$/.test(input)) return undefined;
  if (input.length === 15) return input + caseSuffix(input);
  if (input.length !== 18) return undefined;
  const suffix = input.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk] ?? '');
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const char = input[chunk * 5 + i] ?? '';
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[A-Za-z]/.test(char)) return undefined;
      id15 += upper ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return id15 + suffix;
}

/** The three-character key prefix of an ID (the object it belongs to). */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/**
 * Makes IDs of the form `<prefix><pod><reserved><9 base-62 digits><suffix>`, like a real org's. The counter is
 * shared by every object and saved in snapshots, so IDs never repeat across restarts.
 */
export class IdGenerator {
  constructor(
    /** Next number to encode. Default: 1. */
    public next = 1,
    /** Two characters standing for the pod/instance. Default: `8d`. */
    private readonly pod = '8d',
  ) {}

  /** A new 18-character ID for an object with this key prefix. */
  create(keyPrefix: string): string {
    let n = this.next++;
    let digits = '';
    for (let i = 0; i < 9; i++) {
      digits = BASE62[n % 62] + digits;
      n = Math.floor(n / 62);
    }
    const id15 = `${keyPrefix}${this.pod}0${digits}`;
    return id15 + caseSuffix(id15);
  }
}
