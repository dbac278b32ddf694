-- The warranty subgraph's tables. Money is numeric(…, 2) and travels as exact decimal strings; dates are `date`.
-- Dealers, customers, products and assets belong to CRM and CPQ: only their ids (and, for assets and products, what
-- coverage needs to know about them) are kept here.

-- ------------------------------------------------------------------ what warranty knows of other subgraphs

-- CPQ's products, as far as coverage needs them (family decides which warranty terms a delivered product gets).
create table products (
  id text primary key,
  code text,
  name text,
  family text,
  category text,
  updated_at timestamptz not null default now()
);

-- CRM's dealer accounts, mirrored from Salesforce so the sync can name them as parents (and by dealer code).
create table dealer_accounts (
  id text primary key,
  name text,
  dealer_code text,
  updated_at timestamptz not null default now()
);
create index dealer_accounts_code on dealer_accounts (dealer_code);

-- CPQ's assets (delivered vehicles and parts), learned from its OrderActivated events through the graph.
create table assets (
  id text primary key,
  name text,
  product_id text,
  account_id text,
  dealer_id text,
  vin text,
  install_date date,
  purchase_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index assets_vin on assets (vin);

-- ------------------------------------------------------------------ codes

create table codes (
  id text primary key,
  kind text not null check (kind in ('FAULT', 'LABOR', 'EXPENSE')),
  code text not null,
  name text not null,
  description text,
  standard_hours numeric(6, 2) check (standard_hours > 0),
  rate numeric(10, 2) check (rate >= 0),
  limit_amount numeric(12, 2) check (limit_amount >= 0),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, code)
);

create table fault_labor_operations (
  id text primary key,
  fault_code_id text not null references codes (id) on delete cascade,
  labor_code_id text not null references codes (id) on delete cascade,
  hours numeric(6, 2) check (hours > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (fault_code_id, labor_code_id)
);

-- ------------------------------------------------------------------ coverage

create table warranty_terms (
  id text primary key,
  code text not null unique,
  name text not null,
  type text not null default 'STANDARD' check (type in ('STANDARD', 'EXTENDED', 'SUPPLIER')),
  months integer not null check (months between 1 and 600),
  mileage_limit integer check (mileage_limit > 0),
  effective_start text not null default 'PURCHASE_DATE' check (effective_start in ('PURCHASE_DATE', 'INSTALL_DATE')),
  parts_percent numeric(5, 2) not null default 100 check (parts_percent between 0 and 100),
  labor_percent numeric(5, 2) not null default 100 check (labor_percent between 0 and 100),
  expenses_percent numeric(5, 2) not null default 100 check (expenses_percent between 0 and 100),
  parts_months integer check (parts_months between 1 and 600),
  labor_months integer check (labor_months between 1 and 600),
  expenses_months integer check (expenses_months between 1 and 600),
  deductible numeric(12, 2) not null default 0 check (deductible >= 0),
  is_transferable boolean not null default true,
  is_active boolean not null default true,
  -- The exclusions in words, as Salesforce's WarrantyTerm.Exclusions holds them (kept by the commands).
  exclusions_summary text,
  -- Durations here are months; Salesforce names the unit of each, and a term in other units is refused on the way in.
  duration_unit text not null default 'Months' check (duration_unit = 'Months'),
  parts_unit text not null default 'Months' check (parts_unit = 'Months'),
  labor_unit text not null default 'Months' check (labor_unit = 'Months'),
  expenses_unit text not null default 'Months' check (expenses_unit = 'Months'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table product_warranty_terms (
  id text primary key,
  term_id text not null references warranty_terms (id) on delete cascade,
  product_id text,
  product_family text,
  created_at timestamptz not null default now(),
  check (product_id is not null or product_family is not null)
);
create index product_warranty_terms_term on product_warranty_terms (term_id);

create sequence asset_warranty_numbers;
create table asset_warranties (
  id text primary key,
  number text not null unique default 'AW-' || lpad(nextval('asset_warranty_numbers')::text, 6, '0'),
  asset_id text not null references assets (id),
  term_id text not null references warranty_terms (id),
  type text not null check (type in ('STANDARD', 'EXTENDED', 'SUPPLIER')),
  start_date date not null,
  -- Coverage as registered (the term may change later), extensions included.
  end_date date not null,
  parts_percent numeric(5, 2) not null,
  labor_percent numeric(5, 2) not null,
  expenses_percent numeric(5, 2) not null,
  parts_end_date date not null,
  labor_end_date date not null,
  expenses_end_date date not null,
  mileage_limit integer,
  deductible numeric(12, 2) not null default 0,
  void_date date,
  void_condition text check (void_condition in ('ODOMETER_TAMPERING', 'SALVAGE_TITLE', 'UNAUTHORIZED_MODIFICATION', 'COMMERCIAL_USE', 'RACING', 'OTHER')),
  void_reason text,
  exclusions_summary text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (asset_id, term_id),
  check (end_date >= start_date),
  check ((void_date is null) = (void_condition is null))
);

create table coverage_exclusions (
  id text primary key,
  term_id text references warranty_terms (id) on delete cascade,
  asset_warranty_id text references asset_warranties (id) on delete cascade,
  kind text not null check (kind in ('PART', 'FAULT', 'LABOR', 'EXPENSE')),
  code text not null,
  reason text not null,
  created_at timestamptz not null default now(),
  check ((term_id is null) <> (asset_warranty_id is null))
);
create unique index coverage_exclusions_term on coverage_exclusions (term_id, kind, code) where term_id is not null;
create unique index coverage_exclusions_warranty on coverage_exclusions (asset_warranty_id, kind, code) where asset_warranty_id is not null;

create table asset_warranty_extensions (
  id text primary key,
  asset_warranty_id text not null references asset_warranties (id) on delete cascade,
  extension_term_id text references warranty_terms (id),
  months integer not null default 0 check (months >= 0),
  mileage integer not null default 0 check (mileage >= 0),
  reason text not null,
  created_by text,
  created_at timestamptz not null default now(),
  check (months > 0 or mileage > 0)
);

-- ------------------------------------------------------------------ claims

create sequence claim_numbers;
create table claims (
  id text primary key,
  number text not null unique default 'CL-' || lpad(nextval('claim_numbers')::text, 6, '0'),
  dealer_id text not null,
  status text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW_NEEDED', 'REQUESTED_INFORMATION', 'APPROVED', 'REJECTED', 'PAID')),
  type text not null default 'WARRANTY_CLAIM' check (type in ('WARRANTY_CLAIM', 'PRE_WARRANTY_AUTHORIZATION')),
  description text,
  claimed_amount numeric(14, 2) not null default 0,
  covered_amount numeric(14, 2),
  deductible numeric(12, 2) not null default 0,
  approved_amount numeric(14, 2),
  paid_amount numeric(14, 2),
  paid_on date,
  payment_reference text,
  review_reasons jsonb not null default '[]',
  information_request text,
  assigned_to text,
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by text,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_closed boolean generated always as (status in ('REJECTED', 'PAID')) stored
);
create index claims_dealer on claims (dealer_id, created_at);

-- One item per claim: the asset repaired, when it failed and at what mileage (Salesforce ClaimItem).
create table claim_items (
  id text primary key,
  claim_id text not null unique references claims (id) on delete cascade,
  asset_id text not null references assets (id),
  failure_date date not null,
  repair_date date,
  mileage integer not null check (mileage >= 0),
  -- The odometer's unit: mileage limits and claims are compared in it.
  usage_unit text not null default 'Miles' check (usage_unit in ('Miles', 'Kilometers')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (repair_date is null or repair_date >= failure_date)
);
create index claim_items_asset on claim_items (asset_id);

-- One coverage per fault of the claim: the lines that repair it (Salesforce ClaimCoverage).
create table claim_coverages (
  id text primary key,
  claim_id text not null references claims (id) on delete cascade,
  claim_item_id text not null references claim_items (id) on delete cascade,
  fault_code_id text not null references codes (id),
  position integer not null,
  asset_warranty_id text references asset_warranties (id),
  coverage_type text not null default 'NONE' check (coverage_type in ('STANDARD', 'EXTENDED', 'NONE')),
  status text not null default 'OPEN' check (status in ('OPEN', 'APPROVED', 'REJECTED', 'CLOSED')),
  claimed_amount numeric(14, 2) not null default 0,
  approved_amount numeric(14, 2),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (claim_id, fault_code_id)
);

-- What is paid for a coverage, line by line (Salesforce ClaimCoveragePaymentDetail).
create table claim_lines (
  id text primary key,
  claim_id text not null references claims (id) on delete cascade,
  coverage_id text not null references claim_coverages (id) on delete cascade,
  line_number integer not null,
  charge_type text not null check (charge_type in ('PART', 'LABOR', 'EXPENSE')),
  code text not null,
  code_id text references codes (id),
  description text,
  quantity numeric(10, 2) not null check (quantity > 0),
  unit_price numeric(12, 2) not null check (unit_price >= 0),
  claimed_amount numeric(14, 2) not null,
  eligibility text check (eligibility in ('ELIGIBLE', 'OVER_LIMIT', 'INELIGIBLE')),
  eligibility_reasons jsonb not null default '[]',
  allowed_amount numeric(14, 2),
  covered_percent numeric(5, 2),
  covered_amount numeric(14, 2),
  asset_warranty_id text references asset_warranties (id),
  status text not null default 'OPEN' check (status in ('OPEN', 'APPROVED', 'REJECTED')),
  approved_amount numeric(14, 2),
  decision_reason text,
  decided_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (claim_id, line_number)
);

create table claim_status_changes (
  id bigserial primary key,
  claim_id text not null references claims (id) on delete cascade,
  from_status text,
  to_status text not null,
  reason text,
  changed_by text,
  changed_at timestamptz not null default clock_timestamp()
);
create index claim_status_changes_claim on claim_status_changes (claim_id, id);

create table adjudication_policies (
  id text primary key check (id = 'default'),
  auto_approve_limit numeric(12, 2) not null check (auto_approve_limit >= 0),
  review_fault_codes text[] not null default '{}',
  repeat_repair_days integer not null default 0 check (repeat_repair_days >= 0),
  cap_over_limit boolean not null default false,
  updated_at timestamptz,
  updated_by text
);
insert into adjudication_policies (id, auto_approve_limit, review_fault_codes, repeat_repair_days, cap_over_limit) values ('default', 500, '{}', 30, false);

-- ------------------------------------------------------------------ rebates, journals, incentives

create table incentive_programs (
  id text primary key,
  code text not null unique,
  name text not null,
  applies_to text not null check (applies_to in ('REBATE_CLAIM', 'TRANSACTION_JOURNAL')),
  product_codes text[] not null default '{}',
  sale_types text[] not null default '{}',
  valid_from date not null,
  valid_to date not null,
  calculation text not null check (calculation in ('PER_UNIT', 'PERCENT_OF_PRICE', 'TIERED')),
  amount_per_unit numeric(12, 2),
  percent numeric(5, 2),
  tier_basis text check (tier_basis in ('QUANTITY', 'UNIT_PRICE')),
  tiers jsonb not null default '[]',
  trade_share_percent numeric(5, 2) not null default 0 check (trade_share_percent between 0 and 100),
  max_delivery_mileage integer check (max_delivery_mileage >= 0),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_to >= valid_from)
);

create table csv_imports (
  id text primary key,
  kind text not null check (kind in ('REBATE_CLAIMS', 'TRANSACTION_JOURNALS')),
  dealer_id text not null,
  file_name text not null,
  status text not null default 'AWAITING_UPLOAD' check (status in ('AWAITING_UPLOAD', 'QUEUED', 'CHECKING', 'IMPORTING', 'COMPLETED', 'FAILED')),
  bytes bigint,
  sha256 text,
  rows_total integer,
  rows_processed integer not null default 0,
  rows_created integer not null default 0,
  rows_updated integer not null default 0,
  rows_unchanged integer not null default 0,
  rows_rejected integer not null default 0,
  -- The last data row whose outcome is committed: a job that dies resumes after it.
  checkpoint_row integer not null default 0,
  error_code text,
  error_message text,
  error_line integer,
  created_by text,
  created_at timestamptz not null default now(),
  uploaded_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index csv_imports_dealer on csv_imports (dealer_id, created_at);

-- The uploaded file, in chunks, until the import has finished with it (any worker process can read it).
create table csv_import_chunks (
  import_id text not null references csv_imports (id) on delete cascade,
  seq integer not null,
  data bytea not null,
  primary key (import_id, seq)
);

create table csv_import_errors (
  import_id text not null references csv_imports (id) on delete cascade,
  id text not null,
  row_number integer not null,
  line integer not null,
  column_name text,
  value text,
  code text not null,
  message text not null,
  external_id text,
  primary key (import_id, id)
);

create sequence rebate_claim_numbers;
create table rebate_claims (
  id text primary key,
  number text not null unique default 'RC-' || lpad(nextval('rebate_claim_numbers')::text, 6, '0'),
  dealer_id text not null,
  external_id text not null,
  vin text not null,
  asset_id text,
  product_code text not null,
  sale_date date not null,
  sale_type text not null check (sale_type in ('CASH', 'LEASE', 'LOAN')),
  sale_price numeric(14, 2) not null check (sale_price >= 0),
  quantity integer not null default 1 check (quantity > 0),
  delivery_mileage integer not null check (delivery_mileage >= 0),
  delivery_status text not null check (delivery_status in ('DELIVERED', 'PENDING_DELIVERY', 'CANCELLED')),
  claim_type text not null default 'Vehicle Sales Report' check (claim_type = 'Vehicle Sales Report'),
  claim_amount numeric(14, 2) generated always as (sale_price * quantity) stored,
  trading_dealer_id text,
  trading_dealer_code text,
  program_code text,
  program_id text references incentive_programs (id),
  status text not null default 'SUBMITTED' check (status in ('SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED')),
  status_reason text,
  incentive_amount numeric(14, 2),
  -- The import the report last came from (no foreign key: checking one per row would cost a CSV import a third of its time).
  import_id text,
  source_row integer,
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dealer_id, external_id)
);
create index rebate_claims_vin on rebate_claims (vin);
create index rebate_claims_dealer on rebate_claims (dealer_id, created_at);
create index rebate_claims_import on rebate_claims (import_id);

create sequence transaction_journal_numbers;
create table transaction_journals (
  id text primary key,
  number text not null unique default 'TJ-' || lpad(nextval('transaction_journal_numbers')::text, 6, '0'),
  dealer_id text not null,
  external_id text not null,
  journal_date date not null,
  invoice_date date,
  product_code text not null,
  quantity integer not null check (quantity > 0),
  amount numeric(14, 2) not null check (amount >= 0),
  vin text,
  asset_id text,
  supplying_dealer_id text,
  supplying_dealer_code text,
  program_code text,
  program_id text references incentive_programs (id),
  status text not null default 'SUBMITTED' check (status in ('SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED')),
  status_reason text,
  incentive_amount numeric(14, 2),
  -- The import the report last came from (no foreign key: checking one per row would cost a CSV import a third of its time).
  import_id text,
  source_row integer,
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (dealer_id, external_id)
);
create index transaction_journals_dealer on transaction_journals (dealer_id, created_at);
create index transaction_journals_import on transaction_journals (import_id);

create table incentive_allocations (
  id text primary key,
  source_kind text not null check (source_kind in ('REBATE_CLAIM', 'TRANSACTION_JOURNAL')),
  source_id text not null,
  source_number text not null,
  dealer_id text not null,
  role text not null check (role in ('SELLING', 'SUPPLYING')),
  amount numeric(14, 2) not null,
  program_id text references incentive_programs (id),
  created_at timestamptz not null default now(),
  unique (source_kind, source_id, role)
);
create index incentive_allocations_dealer on incentive_allocations (dealer_id, created_at);
