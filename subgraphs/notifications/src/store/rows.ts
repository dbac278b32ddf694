import type { Connection, Edge, StoredEvent } from '@l2c/shared';

/** Rows as the notifications store returns them; the resolvers' parent types (codegen mappers) are these. */

export type SubscriptionStatus = 'ACTIVE' | 'PAUSED';
export type DeliveryStatus = 'HELD' | 'PENDING' | 'RETRYING' | 'SUCCEEDED' | 'DEAD_LETTERED';

export interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  description: string | null;
  status: SubscriptionStatus;
  /** Null for an internal webhook; a partner's dealer otherwise. */
  dealer_id: string | null;
  secret_ciphertext: string;
  secret_created_at: Date;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  event: StoredEvent;
  status: DeliveryStatus;
  run: number;
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  delivery_id: string;
  number: number;
  run: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
}

/** A dealer the CRM subgraph resolves: this subgraph knows only its id. */
export interface AccountReference {
  id: string;
}

/** What the create and rotate mutations answer: the row and the secret in clear, shown this once. */
export interface SecretPayload {
  subscription: SubscriptionRow;
  secret: string;
}

export type SubscriptionConnectionParent = Connection<SubscriptionRow>;
export type SubscriptionEdgeParent = Edge<SubscriptionRow>;
export type DeliveryConnectionParent = Connection<DeliveryRow>;
export type DeliveryEdgeParent = Edge<DeliveryRow>;
