-- The transactional outbox: a subgraph writes its domain events here in the same transaction as the change that
-- causes them; the relay publishes committed rows to the event bus in id order and stamps them published.
create table outbox (
  id bigserial primary key,
  event_id text not null unique,
  type text not null,
  entity_typename text not null,
  entity_id text not null,
  dealer_ids text[] not null default '{}',
  changes jsonb not null default '{}',
  occurred_at timestamptz not null default now(),
  published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
