-- Billing: what CPQ's activated orders owe and when (billing schedules and their periods), invoice runs, invoices
-- and their lines, credit notes, payments and their allocations, usage. Filled from CPQ's order events, never from
-- CPQ's tables. Money is numeric(18, 2) and travels as exact decimal text.

create sequence invoice_numbers;
create sequence credit_note_numbers;
create sequence payment_numbers;
create sequence invoice_run_numbers;

-- Events already applied, by id: the bus delivers at least once, and an event is applied in the same transaction
-- that records it here, so a redelivery changes nothing.
create table consumed_events (
  event_id text primary key,
  type text not null,
  consumed_at timestamptz not null default now()
);

-- An order as billing knows it: from CPQ's OrderActivated event.
create table billing_orders (
  id text primary key,
  number text not null,
  account_id text not null,
  dealer_id text,
  opportunity_id text,
  quote_id text,
  contract_id text,
  effective_date date not null,
  total_amount numeric(18, 2) not null,
  activated_at timestamptz not null,
  -- The contract's first billed order, when this one amends it and its items align to its billing cycle.
  amends_order_id text references billing_orders (id),
  created_at timestamptz not null default now()
);
create index billing_orders_contract on billing_orders (contract_id, activated_at);
create index billing_orders_opportunity on billing_orders (opportunity_id);

create table billing_schedules (
  id text primary key,
  order_item_id text not null unique,
  order_id text not null references billing_orders (id),
  account_id text not null,
  dealer_id text,
  opportunity_id text,
  contract_id text,
  product_id text,
  product_code text not null,
  product_name text not null,
  charge_type text not null check (charge_type in ('ONE_TIME', 'RECURRING', 'USAGE')),
  frequency text not null check (frequency in ('MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'ONE_TIME')),
  billing_day integer not null check (billing_day between 1 and 31),
  anchor_date date not null,
  timing text not null check (timing in ('ADVANCE', 'ARREARS')),
  partial_period_treatment text not null check (partial_period_treatment in ('SEPARATE', 'COMBINE')),
  start_date date not null,
  end_date date,
  quantity numeric(18, 4) not null,
  -- Unscaled: a usage price may have fractions of a cent (0.015 a unit); stored as given.
  unit_price numeric not null,
  total_amount numeric(18, 2) not null,
  currency text not null,
  -- The schedule whose cycle this one follows (an amendment's item aligned to the original's).
  aligned_to_id text references billing_schedules (id),
  on_hold boolean not null default false,
  hold_reason text,
  held_at timestamptz,
  held_by text,
  released_at timestamptz,
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'COMPLETED', 'CANCELLED')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_date is null or start_date <= end_date),
  check (not on_hold or hold_reason is not null)
);
create index billing_schedules_order on billing_schedules (order_id, created_at, id);
create index billing_schedules_dealer on billing_schedules (dealer_id, created_at, id);
create index billing_schedules_account on billing_schedules (account_id);
create index billing_schedules_created on billing_schedules (created_at, id);

-- The periods of a schedule, planned when it is created. A period is billed by at most one active invoice line: the
-- unique index on invoice_lines makes an invoice run idempotent by schedule and period.
create table billing_periods (
  id text primary key,
  schedule_id text not null references billing_schedules (id) on delete cascade,
  period_index integer not null,
  start_date date not null,
  end_date date not null,
  billing_date date not null,
  planned_billing_date date not null,
  -- Null for usage until the period is billed (the usage recorded in it, at the unit price).
  amount numeric(18, 2),
  prorated_days integer,
  period_days integer,
  status text not null default 'PENDING' check (status in ('PENDING', 'INVOICED', 'CANCELLED')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (schedule_id, period_index)
);
create index billing_periods_due on billing_periods (billing_date, schedule_id) where status = 'PENDING';

create table usage_records (
  id text primary key,
  schedule_id text not null references billing_schedules (id) on delete cascade,
  usage_date date not null,
  quantity numeric(18, 4) not null check (quantity >= 0),
  recorded_by text,
  created_at timestamptz not null default now()
);
create index usage_records_schedule on usage_records (schedule_id, usage_date);

create table invoice_runs (
  id text primary key,
  number text not null unique,
  target_date date not null,
  invoice_date date not null,
  auto_post boolean not null default true,
  status text not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  phase text not null default 'QUEUED' check (phase in ('QUEUED', 'INVOICING', 'POSTING', 'DONE')),
  trigger text not null check (trigger in ('MANUAL', 'SCHEDULE')),
  requested_by text,
  lines_due integer not null default 0,
  lines_invoiced integer not null default 0,
  invoices_created integer not null default 0,
  invoices_posted integer not null default 0,
  total_amount numeric(18, 2) not null default 0,
  attempts integer not null default 0,
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invoice_runs_created on invoice_runs (created_at, id);
-- One scheduled run per target date, however many schedulers fire.
create unique index invoice_runs_scheduled on invoice_runs (target_date) where trigger = 'SCHEDULE';

create table invoices (
  id text primary key,
  number text not null unique,
  kind text not null default 'INVOICE' check (kind in ('INVOICE', 'CREDIT_NOTE')),
  account_id text not null,
  dealer_id text,
  billing_day integer,
  status text not null default 'DRAFT' check (status in ('DRAFT', 'POSTED', 'CANCELLED', 'REBILLED')),
  invoice_date date not null,
  due_date date not null,
  target_date date,
  currency text not null,
  total_amount numeric(18, 2) not null default 0,
  allocated_amount numeric(18, 2) not null default 0,
  credited_amount numeric(18, 2) not null default 0,
  run_id text references invoice_runs (id),
  -- A credit note names the invoice it credits.
  credits_invoice_id text references invoices (id),
  posted_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  overdue_notified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invoices_created on invoices (created_at, id);
create index invoices_dealer on invoices (dealer_id, created_at, id);
create index invoices_account on invoices (account_id, invoice_date);
create index invoices_run on invoices (run_id, status);
create index invoices_open on invoices (due_date) where status = 'POSTED' and kind = 'INVOICE';

create table invoice_lines (
  id text primary key,
  invoice_id text not null references invoices (id) on delete cascade,
  period_id text references billing_periods (id),
  schedule_id text references billing_schedules (id),
  order_id text,
  order_item_id text,
  product_code text not null,
  product_name text not null,
  charge_type text not null,
  frequency text not null,
  start_date date not null,
  end_date date not null,
  quantity numeric(18, 4) not null,
  -- Unscaled: a usage price may have fractions of a cent (0.015 a unit); stored as given.
  unit_price numeric not null,
  amount numeric(18, 2) not null,
  -- False once the invoice is cancelled or rebilled: the period may then be billed again (or is cancelled for good).
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invoice_lines_invoice on invoice_lines (invoice_id, created_at, id);
create index invoice_lines_schedule on invoice_lines (schedule_id);
create index invoice_lines_order on invoice_lines (order_id);
create unique index invoice_lines_one_active_per_period on invoice_lines (period_id) where is_active and period_id is not null;

create table payments (
  id text primary key,
  -- Payments recorded in Salesforce arrive without one and are numbered here.
  number text not null unique default ('PAY-' || lpad(nextval('payment_numbers')::text, 6, '0')),
  account_id text not null,
  dealer_id text,
  amount numeric(18, 2) not null check (amount > 0),
  currency text not null,
  payment_date date not null,
  method text not null check (method in ('ACH', 'BANK_TRANSFER', 'CASH', 'CHECK', 'CREDIT_CARD')),
  reference text,
  status text not null default 'PROCESSED' check (status in ('PROCESSED', 'CANCELLED')),
  allocated_amount numeric(18, 2) not null default 0,
  received_at timestamptz not null default now(),
  recorded_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (allocated_amount >= 0 and allocated_amount <= amount)
);
create index payments_created on payments (created_at, id);
create index payments_dealer on payments (dealer_id, created_at, id);
create index payments_account on payments (account_id);

-- Salesforce Billing's blng__PaymentAllocationInvoice__c: an allocation, or an unallocation reversing one.
create table payment_allocations (
  id text primary key,
  payment_id text not null references payments (id),
  invoice_id text not null references invoices (id),
  type text not null check (type in ('ALLOCATION', 'UNALLOCATION')),
  amount numeric(18, 2) not null check (amount > 0),
  reverses_id text unique references payment_allocations (id),
  allocation_date date not null,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((type = 'UNALLOCATION') = (reverses_id is not null))
);
create index payment_allocations_payment on payment_allocations (payment_id, created_at, id);
create index payment_allocations_invoice on payment_allocations (invoice_id, created_at, id);

-- Salesforce accounts, as the sync reads them: the parents of invoices and payments there (CRM owns accounts; the
-- ids are CRM's, carried in L2C_Id__c).
create table billing_accounts (
  id text primary key,
  name text not null,
  account_number text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
