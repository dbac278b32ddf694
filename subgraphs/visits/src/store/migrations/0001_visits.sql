-- Visits: action plan templates (versioned, with ordered tasks and assessment indicator definitions), assessors,
-- dealers and their locations, visits with their tasks and one indicator result per indicator of the version they
-- were planned with. Enum-like columns hold the GraphQL enum values.

-- Dealers as this subgraph knows them: CRM owns accounts; a dealer lands here when a visit is planned for it (read
-- from CRM as the caller) or when the sync reads it from Salesforce. Only the fields visits show.
create table dealers (
  id text primary key,
  name text not null,
  dealer_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Where a visit takes place: a dealer's showroom, service centre, parts depot. Salesforce needs one on every visit.
create table dealer_locations (
  id text primary key,
  dealer_id text not null references dealers (id),
  name text not null,
  location_type text not null default 'SITE' check (location_type in ('SITE', 'WAREHOUSE', 'PLANT')),
  description text,
  latitude double precision check (latitude is null or latitude between -90 and 90),
  longitude double precision check (longitude is null or longitude between -180 and 180),
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dealer_locations_dealer on dealer_locations (dealer_id, name, id);
create unique index dealer_locations_one_primary on dealer_locations (dealer_id) where is_primary;

-- People who carry out visits; an assessor signs in with a token whose subject is `subject`.
create table assessors (
  id text primary key,
  subject text not null unique,
  name text not null,
  email text,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table action_plan_templates (
  id text primary key,
  name text not null,
  -- Unique regardless of case, as Salesforce's UniqueName.
  unique_name text not null,
  description text,
  -- Salesforce's required picklists, fixed for visit templates.
  action_plan_type text not null default 'Industries',
  target_entity_type text not null default 'Visit',
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index action_plan_templates_unique_name on action_plan_templates (lower(unique_name));
create index action_plan_templates_name on action_plan_templates (name, id);

-- A template's content lives in versions. A published version never changes: visits keep the version they were
-- planned with. At most one draft and one published version per template; publishing makes the previous one obsolete.
create table template_versions (
  id text primary key,
  template_id text not null references action_plan_templates (id),
  version integer not null check (version >= 1),
  name text not null,
  status text not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'OBSOLETE')),
  change_note text,
  published_at timestamptz,
  obsoleted_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (template_id, version),
  check ((status = 'DRAFT') = (published_at is null))
);
create unique index template_versions_one_draft on template_versions (template_id) where status = 'DRAFT';
create unique index template_versions_one_published on template_versions (template_id) where status = 'PUBLISHED';

create table template_tasks (
  id text primary key,
  version_id text not null references template_versions (id) on delete cascade,
  position integer not null check (position >= 1),
  name text not null,
  description text,
  is_required boolean not null default true,
  item_entity_type text not null default 'Task',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (version_id, position)
);

-- One indicator of one version. `key` names the indicator across versions (performance over time follows it).
-- Expected values sit in the column of the indicator's type; BETWEEN also fills the `_max` column.
create table indicator_definitions (
  id text primary key,
  version_id text not null references template_versions (id) on delete cascade,
  task_id text not null references template_tasks (id) on delete cascade,
  position integer not null check (position >= 1),
  key text not null,
  question text not null,
  description text,
  data_type text not null check (data_type in ('NUMBER', 'PERCENTAGE', 'BOOLEAN', 'TEXT', 'DATE')),
  unit text,
  is_required boolean not null default false,
  context_kind text check (context_kind in ('PRODUCT', 'PROMOTION', 'CONTRACT')),
  context_id text,
  context_label text,
  comparison text check (comparison in ('EQUALS', 'AT_LEAST', 'AT_MOST', 'BETWEEN')),
  expected_number numeric,
  expected_number_max numeric,
  expected_boolean boolean,
  expected_text text,
  expected_date date,
  expected_date_max date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (version_id, key),
  unique (task_id, position),
  check ((context_kind is null) = (context_id is null))
);
create index indicator_definitions_version on indicator_definitions (version_id);

create sequence visit_numbers;

create table visits (
  id text primary key,
  -- V-000001: numbered here, also for visits born in Salesforce.
  number text not null unique default ('V-' || lpad(nextval('visit_numbers')::text, 6, '0')),
  dealer_id text not null references dealers (id),
  location_id text not null references dealer_locations (id),
  template_version_id text not null references template_versions (id),
  status text not null default 'PLANNED' check (status in ('PLANNED', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
  priority text not null default 'MEDIUM' check (priority in ('HIGH', 'MEDIUM', 'LOW')),
  instructions text,
  scheduled_start timestamptz not null,
  scheduled_end timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  status_remarks text,
  -- The share of evaluated indicators that met their expectation, kept current as values are recorded.
  score numeric(5, 1) check (score between 0 and 100),
  met_count integer not null default 0,
  evaluated_count integer not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (scheduled_end is null or scheduled_end > scheduled_start)
);
create index visits_dealer on visits (dealer_id, scheduled_start, id);
create index visits_scheduled on visits (scheduled_start, id);
create index visits_completed on visits (dealer_id, completed_at) where status = 'COMPLETED';

create table visit_assessors (
  visit_id text not null references visits (id) on delete cascade,
  assessor_id text not null references assessors (id),
  assigned_at timestamptz not null default now(),
  primary key (visit_id, assessor_id)
);
create index visit_assessors_assessor on visit_assessors (assessor_id, visit_id);

create table visit_tasks (
  id text primary key,
  visit_id text not null references visits (id) on delete cascade,
  template_task_id text references template_tasks (id),
  position integer not null,
  name text not null,
  is_required boolean not null default true,
  task_type text not null default 'Other',
  status text not null default 'NOT_STARTED' check (status in ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED')),
  started_at timestamptz,
  completed_at timestamptz,
  completed_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index visit_tasks_visit on visit_tasks (visit_id, position);

-- One row per indicator of the visit's version, created when the visit is planned, with the expectation copied (the
-- version is fixed, and Salesforce keeps targets on these rows too). Actual values sit in the column of the type;
-- the checks hold for values from Salesforce as much as for ours.
create table indicator_results (
  id text primary key,
  visit_id text not null references visits (id) on delete cascade,
  visit_task_id text references visit_tasks (id) on delete cascade,
  indicator_id text references indicator_definitions (id),
  data_type text not null check (data_type in ('NUMBER', 'PERCENTAGE', 'BOOLEAN', 'TEXT', 'DATE')),
  is_required boolean not null default false,
  comparison text check (comparison in ('EQUALS', 'AT_LEAST', 'AT_MOST', 'BETWEEN')),
  expected_number numeric,
  expected_number_max numeric,
  expected_boolean boolean,
  expected_text text,
  expected_date date,
  expected_date_max date,
  actual_number numeric,
  actual_boolean boolean,
  actual_text text,
  actual_date date,
  recorded_at timestamptz,
  recorded_by text,
  -- Evaluation of the actual value against the expectation (null: nothing to compare).
  met boolean,
  deviation numeric,
  relative_deviation numeric,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (actual_number is null or data_type in ('NUMBER', 'PERCENTAGE')),
  check (actual_number is null or data_type <> 'PERCENTAGE' or actual_number between 0 and 100),
  check (actual_boolean is null or data_type = 'BOOLEAN'),
  check (actual_text is null or data_type = 'TEXT'),
  check (actual_date is null or data_type = 'DATE')
);
create index indicator_results_visit on indicator_results (visit_id);
create index indicator_results_task on indicator_results (visit_task_id);
