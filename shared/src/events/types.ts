/**
 * A domain event: small, self-describing, and enough for a subscriber to decide whether it concerns them and to
 * fetch whatever else it wants through the graph.
 */
export interface DomainEvent {
  /** Unique and stable across retries: the relay may publish an event twice, consumers drop the copy by this id. */
  eventId: string;
  /** What happened, e.g. `LeadCreated`, `LeadAssigned`, `OpportunityStageChanged`. */
  type: string;
  /** The entity it happened to, as the graph knows it (`@key` typename and id). */
  entity: { typename: string; id: string };
  /** The dealers whose partners may see this event; empty: internal users only. */
  dealerIds: string[];
  /** What changed: field → `{ from, to }`, or other small facts about the change. */
  changes: Record<string, unknown>;
  /** When the change was committed, ISO 8601. */
  occurredAt: string;
  /** The subgraph that produced it. */
  source: string;
}

/** An event as the bus stores it, with its position in the stream (the id a subscriber resumes after). */
export interface StoredEvent extends DomainEvent {
  /** Stream position, `<ms>-<seq>`; ordered: a later event has a greater id. */
  id: string;
}

/** What a command records; the outbox adds the id, the time and the source. */
export interface EventInput {
  type: string;
  entity: { typename: string; id: string };
  dealerIds?: (string | null | undefined)[];
  changes?: Record<string, unknown>;
}

/** Compares two stream ids (`<ms>-<seq>`) numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
