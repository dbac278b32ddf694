import type { Activity } from './activities.ts';

/** The kinds of object the lead-to-cash log knows, as OCEL 2.0 object types. */
export const OBJECT_TYPES = ['Lead', 'Opportunity', 'Quote', 'Order', 'Contract', 'Asset', 'Invoice', 'Payment', 'Claim'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** The typed attributes an event may carry, with their OCEL/XES types. Mapping never sets any other. */
export const ATTRIBUTE_TYPES = {
  salesRep: 'string',
  stage: 'string',
  fromStage: 'string',
  probability: 'integer',
  amount: 'float',
  listAmount: 'float',
  discountPercent: 'float',
  isWon: 'boolean',
  lossReason: 'string',
  productFamily: 'string',
  segment: 'string',
  leadStatus: 'string',
  quoteNumber: 'string',
  submission: 'integer',
  approvals: 'integer',
  orderNumber: 'string',
  invoiceNumber: 'string',
  currency: 'string',
  dueDate: 'string',
  balance: 'float',
  daysOverdue: 'integer',
  claimNumber: 'string',
  claimStatus: 'string',
  approvedAmount: 'float',
} as const;
export type AttributeName = keyof typeof ATTRIBUTE_TYPES;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[AttributeName];

/** Attribute values: decimals stay exact strings; flags are booleans; counts are integers. */
export type AttributeValue = string | number | boolean;
export type EventAttributes = Partial<Record<AttributeName, AttributeValue>>;

/** An object an event touches, and in what role (`qualifier`, as OCEL 2.0 calls it). */
export interface ObjectRef {
  id: string;
  type: ObjectType;
  qualifier: string;
}

/**
 * A link between two objects, from the one further from the opportunity to the one nearer it (an order to its quote,
 * a quote to its opportunity): following links upwards finds the case (the opportunity) of any object.
 */
export interface ObjectLink {
  childId: string;
  childType: ObjectType;
  parentId: string;
  parentType: ObjectType;
  qualifier: string;
}

/** Where an entry came from: the event stream, or the rebuild of history from the subgraphs' current data. */
export type Origin = 'stream' | 'backfill';

/** One event of the object-centric lead-to-cash log, as mapping produces it from a domain event or from history. */
export interface LogEntry {
  /** The domain event's id (idempotence: an event is logged once however often it is read), or a backfill id. */
  id: string;
  activity: Activity;
  /** Milliseconds since the epoch. */
  at: number;
  /** What tells one occurrence of the activity from another: the stage entered, who approved, the claim status. */
  qualifier: string | null;
  dealerId: string | null;
  attributes: EventAttributes;
  objects: ObjectRef[];
  links: ObjectLink[];
  /**
   * What makes the entry the same real occurrence whichever way it was learnt (`Quote Accepted|<quote id>`), for
   * activities that happen once per object (or once per submission): a stream entry replaces a backfilled one with
   * the same key, and a backfilled entry is not added when one exists. Null for repeatable activities.
   */
  naturalKey: string | null;
  origin: Origin;
  /** The stream position it was read at (stream entries). */
  streamId: string | null;
  source: string;
}

export function naturalKey(activity: Activity, ...parts: (string | number)[]): string {
  return [activity, ...parts].join('|');
}
