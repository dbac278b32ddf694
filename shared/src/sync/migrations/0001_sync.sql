-- The Salesforce sync's own tables, in every subgraph store that syncs. The engine (shared/src/sync) is the only
-- writer; the surfaces (graph, CLI, dashboards) read them through the engine's API.

-- One row per mapped object: where inbound sync stands, the checkpoint of the job in progress, and the lease that keeps
-- two syncs of one object from running at once (held by a job id, renewed after every page or batch).
create table sync_objects (
  mapping text primary key,
  -- SystemModstamp of the newest Salesforce change applied; the next incremental reads from it minus the overlap.
  watermark timestamptz,
  last_full_at timestamptz,
  last_success_at timestamptz,
  last_inbound_at timestamptz,
  last_outbound_at timestamptz,
  last_error jsonb,
  last_run_id text,
  -- The running job's position: { jobId, step, locator | bulkJobId | …, counters }; null when no job is half done.
  checkpoint jsonb,
  lease_job text,
  lease_expires timestamptz,
  cdc_replay_id bigint,
  updated_at timestamptz not null default now()
);

-- One row per record that exists on both sides. sf_values holds the mapped fields as both sides last agreed on them
-- (Salesforce form): a side whose current values differ has changed since, which is how echoes of the sync's own
-- writes are told from real changes, and how conflicts are seen. hash is a digest of sf_values.
create table sync_links (
  mapping text not null,
  local_id text not null,
  sf_id text not null,
  sf_values jsonb not null,
  hash text not null,
  sf_modstamp timestamptz,
  -- The last full load that saw the record in Salesforce; a record a finished full load did not see was deleted there.
  seen_run text,
  synced_at timestamptz not null default now(),
  primary key (mapping, local_id)
);
create unique index sync_links_sf_id on sync_links (mapping, sf_id);

-- Outbound change capture: row triggers on the mirrored tables write here in the same transaction as the change.
-- Writes made by the sync itself (inbound) set the transaction-local l2c.sync_origin and are not captured.
create table sync_changes (
  id bigserial primary key,
  table_name text not null,
  local_id text not null,
  op text not null check (op in ('INSERT', 'UPDATE', 'DELETE', 'RETRY')),
  changed_at timestamptz not null default now()
);
create index sync_changes_table on sync_changes (table_name, id);
create index sync_changes_record on sync_changes (table_name, local_id);

create function sync_capture_change() returns trigger language plpgsql as $$
begin
  if current_setting('l2c.sync_origin', true) = 'salesforce' then
    return null;
  end if;
  if tg_op = 'DELETE' then
    insert into sync_changes (table_name, local_id, op) values (tg_table_name, to_jsonb(old) ->> tg_argv[0], 'DELETE');
  else
    insert into sync_changes (table_name, local_id, op) values (tg_table_name, to_jsonb(new) ->> tg_argv[0], tg_op);
  end if;
  return null;
end $$;

-- Records Salesforce or the store refused, with Salesforce's code, fields and message; an admin retries or skips them.
create table sync_failures (
  id bigserial primary key,
  mapping text not null,
  direction text not null check (direction in ('inbound', 'outbound')),
  -- local_id for outbound, sf_id for inbound: at most one open failure per record and direction
  record_key text not null,
  local_id text,
  sf_id text,
  error_code text not null,
  fields text[] not null default '{}',
  message text not null,
  retryable boolean not null,
  status text not null default 'open' check (status in ('open', 'retrying', 'skipped', 'resolved')),
  attempts integer not null default 1,
  run_id text,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  resolved_at timestamptz
);
create unique index sync_failures_open on sync_failures (mapping, direction, record_key) where status in ('open', 'retrying');
create index sync_failures_recent on sync_failures (last_seen_at desc, id);

-- Records changed on both sides since the last sync, with both versions and the base they started from.
create table sync_conflicts (
  id bigserial primary key,
  mapping text not null,
  local_id text not null,
  sf_id text not null,
  policy text not null check (policy in ('salesforce_wins', 'local_wins', 'newest_wins', 'manual')),
  status text not null check (status in ('open', 'resolved')),
  -- which side's values were kept for the fields both sides changed
  resolution text check (resolution in ('salesforce', 'local')),
  fields text[] not null,
  base jsonb not null,
  local_version jsonb not null,
  salesforce_version jsonb not null,
  local_modified_at timestamptz,
  salesforce_modified_at timestamptz,
  run_id text,
  detected_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text
);
create unique index sync_conflicts_open on sync_conflicts (mapping, local_id) where status = 'open';
create index sync_conflicts_recent on sync_conflicts (detected_at desc, id);

-- Every sync job, queued to finished: what was asked, by whom, where it is, what it did.
create table sync_runs (
  id text primary key,
  parent_id text,
  kind text not null check (kind in ('object', 'run')),
  mappings text[] not null,
  mode text not null check (mode in ('full', 'incremental', 'records')),
  direction text not null check (direction in ('in', 'out', 'both')),
  trigger text not null,
  requested_by text,
  status text not null check (status in ('queued', 'running', 'paused', 'completed', 'failed', 'cancelled')),
  phase text,
  done integer not null default 0,
  total integer,
  api_calls integer not null default 0,
  stats jsonb not null default '{}',
  error jsonb,
  cancel_requested boolean not null default false,
  queued_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index sync_runs_recent on sync_runs (queued_at desc, id);
create index sync_runs_parent on sync_runs (parent_id);
