-- The object-centric lead-to-cash log (OCEL 2.0 shaped): events, the objects they touch, and the links between
-- objects; plus the flattened view per opportunity (process_cases) that the analyses read.

create table log_events (
  seq bigserial unique,
  -- The domain event's id (stream) or a backfill id: an event is logged once however often it is read.
  id text primary key,
  activity text not null,
  occurred_at timestamptz not null,
  qualifier text,
  dealer_id text,
  attributes jsonb not null default '{}',
  -- The same real occurrence learnt from the stream and from history: a stream entry replaces a backfilled one.
  natural_key text unique,
  origin text not null check (origin in ('stream', 'backfill')),
  stream_id text,
  source text not null,
  recorded_at timestamptz not null default now()
);

create table log_objects (
  id text primary key,
  type text not null,
  dealer_id text,
  first_seen_at timestamptz not null,
  updated_at timestamptz not null default now()
);

-- No foreign key to log_events: checking one per row halves the ingest rate, and the only deletion (a backfilled event
-- replaced by the stream's) removes its rows here in the same transaction.
create table log_event_objects (
  event_id text not null,
  object_id text not null,
  qualifier text not null,
  primary key (event_id, object_id)
);
create index log_event_objects_object on log_event_objects (object_id);

-- From the object further from the opportunity to the one nearer it (order -> quote -> opportunity).
create table log_object_links (
  child_id text not null,
  parent_id text not null,
  qualifier text not null,
  created_at timestamptz not null default now(),
  primary key (child_id, parent_id)
);
create index log_object_links_parent on log_object_links (parent_id);

-- The cases each object belongs to: the opportunities above it, or the lead itself while it is not converted.
create table log_object_cases (
  object_id text not null,
  case_id text not null,
  primary key (object_id, case_id)
);
create index log_object_cases_case on log_object_cases (case_id);

-- One row per case: its attributes and its trace, kept up to date as events arrive.
create table process_cases (
  case_no bigserial unique,
  case_id text primary key,
  kind text not null check (kind in ('OPPORTUNITY', 'LEAD')),
  dealer_id text,
  sales_rep text,
  segment text,
  product_family text,
  stage text,
  -- Exact decimals as the events carry them (text: read once per case per pass, and numeric output costs more).
  amount text,
  list_amount text,
  discount_percent text,
  is_won boolean,
  started_at timestamptz not null,
  ended_at timestamptz not null,
  event_count integer not null,
  -- The trace in lead-to-cash order: activity code, ms since the epoch and qualifier per event (see encodeTrace).
  trace text not null,
  -- The columns above that analyses read, in one text (see scanAttributes): a scan reads every case once per pass,
  -- and the embedded database hands over one wide text faster than ten columns.
  scan_attributes text not null,
  -- The attributes' latest values with their times, so events arriving out of order fold in correctly.
  facts jsonb not null default '{}',
  updated_at timestamptz not null default now()
);
create index process_cases_dealer on process_cases (dealer_id, case_no);
create index process_cases_started on process_cases (started_at);

-- Dealers' regions (their country), fetched from CRM through the graph.
create table dealer_regions (
  dealer_id text primary key,
  name text,
  region text,
  fetched_at timestamptz not null default now()
);

-- How far the consumer has read the event stream; written in the same transaction as what it read.
create table log_checkpoints (
  stream text primary key,
  stream_id text not null,
  events bigint not null default 0,
  gap_detected_at timestamptz,
  updated_at timestamptz not null default now()
);

create table log_backfills (
  id text primary key,
  status text not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
  requested_by text not null,
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  records_read integer not null default 0,
  events_added integer not null default 0,
  error text
);
