/**
 * Open query cursors (Salesforce's query locators): the snapshot of a query's result that later pages are served
 * from. A cursor lives until it has been unused for its time-to-live (15 minutes in Salesforce), and each owner may
 * hold a limited number at once, the oldest being closed when another is opened, as Salesforce does per user.
 */
import { randomInt } from 'node:crypto';
import type { PreparedQuery } from './engine.ts';
import { toId18 } from './values.ts';

export interface Cursor {
  /** 18 characters, starting `01g` like Salesforce's query locators. */
  readonly id: string;
  readonly prepared: PreparedQuery;
  readonly queryAll: boolean;
  readonly batchSize: number;
  readonly owner: string;
  lastUsed: number;
}

export interface CursorStoreOptions {
  /** Milliseconds a cursor survives without being read. Default: 15 minutes. */
  ttlMs?: number;
  /** Cursors one owner may hold open. Default: 10. */
  maxPerOwner?: number;
  /** Clock in epoch ms. Default: `Date.now`. */
  clock?: () => number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();
  private readonly ttlMs: number;
  private readonly maxPerOwner: number;
  private readonly clock: () => number;
  /** Random per store, so locators from an earlier run of the emulator are not mistaken for current ones. */
  private readonly prefix = Array.from({ length: 4 }, () => BASE62[randomInt(62)]).join('');
  private counter = 0;

  constructor(options: CursorStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.maxPerOwner = options.maxPerOwner ?? 10;
    this.clock = options.clock ?? Date.now;
  }

  open(prepared: PreparedQuery, queryAll: boolean, batchSize: number, owner: string): Cursor {
    this.purge();
    const mine = [...this.cursors.values()].filter((cursor) => cursor.owner === owner);
    if (mine.length >= this.maxPerOwner) {
      mine.sort((a, b) => a.lastUsed - b.lastUsed);
      for (const old of mine.slice(0, mine.length - this.maxPerOwner + 1)) this.cursors.delete(old.id);
    }
    let serial = this.counter++;
    let digits = '';
    for (let i = 0; i < 8; i++, serial = Math.floor(serial / 62)) digits = BASE62[serial % 62] + digits;
    const id = toId18(`01g${this.prefix}${digits}`)!;
    const cursor: Cursor = { id, prepared, queryAll, batchSize, owner, lastUsed: this.clock() };
    this.cursors.set(id, cursor);
    return cursor;
  }

  /** The live cursor with this ID (marked as used now), or undefined when unknown or expired. */
  take(id: string): Cursor | undefined {
    this.purge();
    const cursor = this.cursors.get(id);
    if (cursor) cursor.lastUsed = this.clock();
    return cursor;
  }

  get size(): number {
    this.purge();
    return this.cursors.size;
  }

  private purge(): void {
    const oldest = this.clock() - this.ttlMs;
    for (const [id, cursor] of this.cursors) if (cursor.lastUsed <= oldest) this.cursors.delete(id);
  }
}
