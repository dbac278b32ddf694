-- Webhooks: subscriptions (where a partner wants events, and which), one delivery per (subscription, event), and
-- every attempt made to deliver it. Enum-like columns hold the GraphQL enum values.

create table webhook_subscriptions (
  id text primary key,
  url text not null,
  event_types text[] not null check (cardinality(event_types) > 0),
  description text,
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'PAUSED')),
  -- null: an internal webhook (every event of its types); set: a partner's, which hears only its dealer's events
  dealer_id text,
  -- the signing secret, encrypted (AES-256-GCM) with a key from configuration: signing needs the secret itself
  secret_ciphertext text not null,
  secret_created_at timestamptz not null default now(),
  -- after a rotation with a grace period, the old secret still signs deliveries until previous_secret_expires_at
  previous_secret_ciphertext text,
  previous_secret_expires_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((previous_secret_ciphertext is null) = (previous_secret_expires_at is null))
);
create index webhook_subscriptions_event_types on webhook_subscriptions using gin (event_types);
create index webhook_subscriptions_dealer on webhook_subscriptions (dealer_id, created_at, id);
create index webhook_subscriptions_created on webhook_subscriptions (created_at, id);

create table webhook_deliveries (
  id text primary key,
  subscription_id text not null references webhook_subscriptions (id) on delete cascade,
  event_id text not null,
  event_type text not null,
  occurred_at timestamptz not null,
  -- the event as the bus carried it: a redelivery needs it long after the stream has trimmed it
  event jsonb not null,
  status text not null check (status in ('HELD', 'PENDING', 'RETRYING', 'SUCCEEDED', 'DEAD_LETTERED')),
  -- each series of attempts (the first, then one per resume of held or redelivery of dead-lettered) is a run with its
  -- own queue job; a job whose run is not the delivery's current one is stale and does nothing (see 0002)
  run integer not null default 0,
  attempt_count integer not null default 0,
  last_status_code integer,
  last_error text,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- one delivery per (subscription, event): a bus event seen twice never makes a second delivery
  unique (subscription_id, event_id)
);
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, created_at, id);
create index webhook_deliveries_status on webhook_deliveries (subscription_id, status, created_at, id);

create table webhook_delivery_attempts (
  delivery_id text not null references webhook_deliveries (id) on delete cascade,
  number integer not null,
  run integer not null,
  started_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  error text,
  succeeded boolean not null,
  primary key (delivery_id, number)
);
