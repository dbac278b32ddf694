/**
 * A seeded pseudo-random source for the demo data. Everything random in the generator comes from here, so one seed
 * always gives the same data; `Math.random` and the clock are never consulted.
 */
export class Random {
  #state: number;

  /** `seed` may be any integer or string; strings are hashed (FNV-1a) to the 32-bit state. */
  constructor(seed: number | string) {
    this.#state = typeof seed === 'number' ? seed >>> 0 : fnv1a(seed);
  }

  /** The next float in [0, 1): mulberry32, small and good enough for fake data (not for anything secret). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new Error('pick: no values to pick from');
    return values[Math.floor(this.next() * values.length)] as T;
  }

  /** Picks by weight: `[['HOT', 1], ['WARM', 2]]` gives WARM twice as often as HOT. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let at = this.next() * total;
    for (const [value, weight] of entries) {
      at -= weight;
      if (at < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted: no entries to pick from');
    return last[0];
  }

  /** `count` distinct values (all of them when there are fewer), in random order. */
  sample<T>(values: readonly T[], count: number): T[] {
    return this.shuffle(values).slice(0, count);
  }

  shuffle<T>(values: readonly T[]): T[] {
    const copy = [...values];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /**
   * `count` values drawn by weight, but with every value present at least once when `count` allows, shuffled:
   * small demo networks still show every status, stage and channel.
   */
  spread<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const values = entries.slice(0, count).map(([value]) => value);
    while (values.length < count) values.push(this.weighted(entries));
    return this.shuffle(values);
  }

  /** A version-4-looking UUID made of PRNG bits. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A string where each `#` becomes a digit and each `@` an upper-case letter: `80###`, `10## @@`. */
  pattern(template: string): string {
    return template.replace(/[#@]/g, (c) => (c === '#' ? String(this.int(0, 9)) : String.fromCharCode(65 + this.int(0, 25))));
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
