/**
 * The change event bus: every committed record change of a CDC-enabled object becomes an event with a replay ID,
 * retained for a while (72 hours on Salesforce) so subscribers can replay it. Replay IDs increase across all change
 * events of the org, so one ID means the same event on `/data/AccountChangeEvent` and on `/data/ChangeEvents`; they
 * are not contiguous per channel, which Salesforce does not promise either.
 *
 * Events keep a reference to the org's immutable record and are turned into JSON only when delivered, so a
 * 100,000-row bulk load costs a small object per change, not a JSON tree.
 */
import type { OrgSchema } from '../metadata/types.ts';
import type { ChangeBatch, Org, RecordChange } from '../org/types.ts';
import { currentChangeOrigin } from './changeOrigin.ts';
import { changeEventChannel, changeEventData, type ChangeEventData } from './changeEventMessage.ts';

/** The channel that carries the change events of every enabled object. */
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

export interface StoredChangeEvent {
  readonly replayId: number;
  /** The object's channel, e.g. `/data/AccountChangeEvent`. */
  readonly channel: string;
  readonly publishedAt: number;
  readonly batch: ChangeBatch;
  readonly change: RecordChange;
  readonly origin: string;
}

export interface ChangeEventStoreOptions {
  /** How long events stay replayable, in ms. Default: 72 hours, as Salesforce retains change events. */
  retentionMs?: number;
  /** Most events kept; the oldest go first. Default: 250,000. */
  maxEvents?: number;
  /** Objects whose changes are published (Setup → Change Data Capture). Default: every object of the schema. */
  entities?: readonly string[];
}

/** The outcome of asking for events after a replay ID. */
export type ReplayLookup = { ok: true; events: StoredChangeEvent[] } | { ok: false };

export class ChangeEventStore {
  private events: StoredChangeEvent[] = [];
  private lastReplayId = 0;
  private readonly listeners = new Set<(event: StoredChangeEvent) => void>();
  private readonly enabled: ReadonlySet<string> | null;
  private readonly unsubscribe: () => void;
  private readonly retentionMs: number;
  private readonly maxEvents: number;

  constructor(
    private readonly org: Org,
    options: ChangeEventStoreOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? 72 * 60 * 60 * 1000;
    this.maxEvents = options.maxEvents ?? 250_000;
    this.enabled = options.entities ? new Set(options.entities.map((e) => e.toLowerCase())) : null;
    this.unsubscribe = org.onChange((batch) => this.publish(batch));
  }

  get schema(): OrgSchema {
    return this.org.schema;
  }

  /** True when `channel` is `/data/ChangeEvents` or the channel of an enabled object. */
  isChannel(channel: string): boolean {
    return channel === ALL_CHANGE_EVENTS || this.objectOfChannel(channel) !== undefined;
  }

  /** Called for every new event, synchronously inside the org's commit. */
  onEvent(listener: (event: StoredChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events of `channel` after `replayId`: -1 none (new events only), -2 every retained event, or the replay ID of
   * an event still retained (or of the latest event). Anything else, an expired replay ID included, is not valid.
   */
  replay(channel: string, replayId: number): ReplayLookup {
    this.prune();
    if (replayId === -1) return { ok: true, events: [] };
    const matching = (e: StoredChangeEvent) => channel === ALL_CHANGE_EVENTS || e.channel === channel;
    if (replayId === -2) return { ok: true, events: this.events.filter(matching) };
    // Salesforce accepts the replay ID of a retained event (or the latest one); an expired one is refused.
    const oldest = this.events[0]?.replayId ?? this.lastReplayId;
    if (!Number.isInteger(replayId) || replayId < oldest || replayId > this.lastReplayId) return { ok: false };
    return { ok: true, events: this.events.filter((e) => e.replayId > replayId && matching(e)) };
  }

  /** The JSON `data` of an event, as delivered. */
  data(event: StoredChangeEvent): ChangeEventData {
    return changeEventData(this.org.schema.object(event.change.entityName), event.batch, event.change, event.origin, event.replayId);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private publish(batch: ChangeBatch): void {
    const origin = currentChangeOrigin();
    const publishedAt = this.org.now().getTime();
    for (const change of batch.changes) {
      if (this.enabled && !this.enabled.has(change.entityName.toLowerCase())) continue;
      this.lastReplayId += 1;
      const event: StoredChangeEvent = { replayId: this.lastReplayId, channel: changeEventChannel(change.entityName), publishedAt, batch, change, origin };
      this.events.push(event);
      for (const listener of this.listeners) listener(event);
    }
    if (this.events.length > this.maxEvents * 1.1) this.prune();
  }

  private prune(): void {
    const cutoff = this.org.now().getTime() - this.retentionMs;
    let drop = 0;
    while (drop < this.events.length && (this.events[drop] as StoredChangeEvent).publishedAt < cutoff) drop += 1;
    drop = Math.max(drop, this.events.length - this.maxEvents);
    if (drop > 0) this.events = this.events.slice(drop);
  }

  private objectOfChannel(channel: string): string | undefined {
    const match = /^\/data\/(\w+?)(__)?ChangeEvent$/.exec(channel);
    if (!match?.[1]) return undefined;
    const name = match[2] ? `${match[1]}__c` : match[1];
    const object = this.org.schema.object(name);
    if (!object || changeEventChannel(object.name) !== channel) return undefined;
    if (this.enabled && !this.enabled.has(object.name.toLowerCase())) return undefined;
    return object.name;
  }
}
