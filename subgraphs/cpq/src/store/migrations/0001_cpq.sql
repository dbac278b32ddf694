-- CPQ and orders: the catalogue (products, volume discount tiers, price books and entries, dealer inventory), quotes
-- and their lines, advanced approvals (approvers, groups, chains, rules with conditions, approvals per submission),
-- orders and order items, contracts with subscriptions, assets and entitlements.
-- Money is numeric(18,2), percentages numeric(5,2): exact decimals, never floats. Enum-like columns hold the GraphQL
-- enum values. Opportunity, account and dealer ids belong to CRM: they are stored (captured when a quote is created)
-- but never joined, since CRM's tables are not ours.

create sequence quote_numbers;
create sequence order_numbers;
create sequence contract_numbers;

create table products (
  id text primary key,
  code text not null unique,
  name text not null,
  category text not null check (category in ('VEHICLE', 'SPARE_PART', 'ACCESSORY', 'SERVICE')),
  family text,
  description text,
  is_active boolean not null default true,
  charge_type text not null default 'ONE_TIME' check (charge_type in ('ONE_TIME', 'RECURRING')),
  default_subscription_term integer check (default_subscription_term between 1 and 120),
  entitlement_name text,
  entitlement_months integer check (entitlement_months between 1 and 240),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((charge_type = 'RECURRING') = (default_subscription_term is not null)),
  check ((entitlement_months is null) or (entitlement_name is not null))
);
create index products_name on products (name, id);

create table discount_tiers (
  product_id text not null references products (id) on delete cascade,
  min_quantity integer not null check (min_quantity >= 1),
  discount_percent numeric(5, 2) not null check (discount_percent between 0 and 100),
  primary key (product_id, min_quantity)
);

create table price_books (
  id text primary key,
  name text not null,
  is_standard boolean not null default false,
  is_active boolean not null default true,
  currency text not null default 'EUR',
  -- a dealer's own price book (CRM account id); null for the OEM's books
  dealer_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (not (is_standard and dealer_id is not null))
);
create unique index price_books_one_standard on price_books (is_standard) where is_standard;
create unique index price_books_one_per_dealer on price_books (dealer_id) where is_active and dealer_id is not null;

create table price_book_entries (
  id text primary key,
  price_book_id text not null references price_books (id) on delete cascade,
  product_id text not null references products (id),
  unit_price numeric(18, 2) not null check (unit_price >= 0),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (price_book_id, product_id)
);
create index price_book_entries_product on price_book_entries (product_id);

create table dealer_inventory (
  id text primary key,
  dealer_id text not null,
  product_id text not null references products (id),
  quantity_on_hand integer not null check (quantity_on_hand >= 0),
  updated_at timestamptz not null default now(),
  unique (dealer_id, product_id)
);

create table quotes (
  id text primary key,
  number text not null unique,
  name text not null,
  opportunity_id text not null,
  account_id text not null,
  dealer_id text,
  status text not null default 'DRAFT' check (status in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'PRESENTED', 'ACCEPTED', 'DENIED')),
  is_primary boolean not null default false,
  price_book_id text not null references price_books (id),
  start_date date not null,
  expiration_date date,
  subscription_term integer not null default 12 check (subscription_term between 1 and 120),
  ship_to text,
  list_amount numeric(18, 2) not null default 0,
  net_amount numeric(18, 2) not null default 0,
  discount_amount numeric(18, 2) not null default 0,
  customer_discount_percent numeric(5, 2) not null default 0,
  -- how many times it was submitted; approvals carry the number of their submission
  submission integer not null default 0,
  submitted_at timestamptz,
  accepted_at timestamptz,
  denial_reason text,
  sync_status text check (sync_status in ('PENDING', 'SYNCED', 'FAILED')),
  synced_at timestamptz,
  sync_error text,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (expiration_date is null or expiration_date >= start_date)
);
create index quotes_created on quotes (created_at, id);
create index quotes_opportunity on quotes (opportunity_id, created_at, id);
create index quotes_dealer on quotes (dealer_id, created_at, id);
create unique index quotes_one_primary on quotes (opportunity_id) where is_primary;
create unique index quotes_one_accepted on quotes (opportunity_id) where status = 'ACCEPTED';

create table quote_lines (
  id text primary key,
  quote_id text not null references quotes (id) on delete cascade,
  number integer not null,
  product_id text not null references products (id),
  product_code text not null,
  product_name text not null,
  category text not null,
  family text,
  charge_type text not null,
  quantity integer not null check (quantity > 0),
  list_price numeric(18, 2) not null,
  prorated_list_price numeric(18, 2) not null,
  volume_discount_percent numeric(5, 2) not null,
  regular_price numeric(18, 2) not null,
  discount_percent numeric(5, 2) check (discount_percent between 0 and 100),
  discount_amount numeric(18, 2) check (discount_amount >= 0),
  customer_price numeric(18, 2) not null,
  net_price numeric(18, 2) not null,
  list_total numeric(18, 2) not null,
  net_total numeric(18, 2) not null check (net_total >= 0),
  total_discount_amount numeric(18, 2) not null,
  total_discount_percent numeric(5, 2) not null,
  subscription_term integer,
  start_date date,
  end_date date,
  ship_to text,
  requested_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (quote_id, number),
  check (discount_percent is null or discount_amount is null)
);

create table approvers (
  id text primary key,
  name text not null,
  user_subject text not null unique,
  email text,
  delegate_id text references approvers (id),
  delegation_start date,
  delegation_end date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((delegate_id is null) = (delegation_start is null) and (delegate_id is null) = (delegation_end is null)),
  check (delegation_start is null or delegation_start <= delegation_end),
  check (delegate_id is null or delegate_id <> id)
);

create table approval_groups (
  id text primary key,
  name text not null unique,
  require_all boolean not null default false,
  created_at timestamptz not null default now()
);

create table approval_group_members (
  group_id text not null references approval_groups (id) on delete cascade,
  approver_id text not null references approvers (id),
  primary key (group_id, approver_id)
);

create table approval_chains (
  id text primary key,
  name text not null unique,
  created_at timestamptz not null default now()
);

create table approval_chain_entries (
  id text primary key,
  chain_id text not null references approval_chains (id) on delete cascade,
  level integer not null check (level between 1 and 20),
  approver_id text references approvers (id),
  group_id text references approval_groups (id),
  check ((approver_id is null) <> (group_id is null))
);
create index approval_chain_entries_chain on approval_chain_entries (chain_id, level);

create table approval_rules (
  id text primary key,
  name text not null unique,
  is_active boolean not null default true,
  conditions_met text not null default 'ALL' check (conditions_met in ('ALL', 'ANY')),
  level integer not null default 1 check (level between 1 and 20),
  approver_id text references approvers (id),
  group_id text references approval_groups (id),
  chain_id text references approval_chains (id),
  smart_approval boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((approver_id is not null)::int + (group_id is not null)::int + (chain_id is not null)::int = 1)
);

create table approval_conditions (
  id text primary key,
  rule_id text not null references approval_rules (id) on delete cascade,
  index integer not null,
  field text not null,
  operator text not null check (operator in ('EQUALS', 'NOT_EQUALS', 'LESS_THAN', 'LESS_OR_EQUAL', 'GREATER_THAN', 'GREATER_OR_EQUAL')),
  value text not null,
  unique (rule_id, index)
);

create table approvals (
  id text primary key,
  quote_id text not null references quotes (id) on delete cascade,
  submission integer not null,
  rule_id text not null references approval_rules (id),
  level integer not null,
  approver_id text references approvers (id),
  group_id text references approval_groups (id),
  status text not null check (status in ('ASSIGNED', 'REQUESTED', 'APPROVED', 'REJECTED', 'REVOKED')),
  reasons text[] not null default '{}',
  -- the values the rule's conditions looked at, compared by smart approvals on resubmission
  inputs jsonb not null default '{}',
  via_smart_approval boolean not null default false,
  decided_by text references approvers (id),
  decided_as_delegate boolean not null default false,
  decided_by_subject text,
  decided_at timestamptz,
  comment text,
  requested_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (approver_id is not null or group_id is not null)
);
create index approvals_quote on approvals (quote_id, submission, level);
create index approvals_open on approvals (status) where status in ('ASSIGNED', 'REQUESTED');

create table orders (
  id text primary key,
  number text not null unique,
  quote_id text not null references quotes (id),
  opportunity_id text not null,
  account_id text not null,
  dealer_id text,
  status text not null default 'DRAFT' check (status in ('DRAFT', 'ACTIVATED')),
  ship_to text,
  effective_date date not null,
  total_amount numeric(18, 2) not null,
  activated_at timestamptz,
  contract_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_created on orders (created_at, id);
create index orders_quote on orders (quote_id);
create index orders_dealer on orders (dealer_id, created_at, id);

create table order_items (
  id text primary key,
  order_id text not null references orders (id) on delete cascade,
  quote_line_id text references quote_lines (id),
  product_id text not null references products (id),
  product_code text not null,
  product_name text not null,
  category text not null,
  charge_type text not null,
  quantity integer not null check (quantity > 0),
  list_price numeric(18, 2) not null,
  unit_price numeric(18, 2) not null,
  total_price numeric(18, 2) not null,
  subscription_term integer,
  start_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index order_items_order on order_items (order_id, created_at, id);
create unique index order_items_one_per_quote_line on order_items (quote_line_id) where quote_line_id is not null;

create table contracts (
  id text primary key,
  number text not null unique,
  quote_id text not null unique references quotes (id),
  opportunity_id text not null,
  account_id text not null,
  dealer_id text,
  status text not null default 'ACTIVATED' check (status in ('ACTIVATED')),
  start_date date not null,
  end_date date not null,
  term_months integer not null,
  activated_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (start_date <= end_date)
);
create index contracts_created on contracts (created_at, id);
create index contracts_account on contracts (account_id);
alter table orders add constraint orders_contract foreign key (contract_id) references contracts (id);

create table subscriptions (
  id text primary key,
  contract_id text not null references contracts (id),
  order_item_id text not null references order_items (id),
  product_id text not null references products (id),
  account_id text not null,
  dealer_id text,
  quantity integer not null,
  net_price numeric(18, 2) not null,
  start_date date not null,
  end_date date not null,
  created_at timestamptz not null default now()
);
create index subscriptions_contract on subscriptions (contract_id);

create table assets (
  id text primary key,
  contract_id text not null references contracts (id),
  order_item_id text not null references order_items (id),
  product_id text not null references products (id),
  account_id text not null,
  dealer_id text,
  name text not null,
  serial_number text,
  status text not null default 'PURCHASED' check (status in ('PURCHASED')),
  quantity integer not null,
  price numeric(18, 2) not null,
  install_date date not null,
  purchase_date date not null,
  created_at timestamptz not null default now()
);
create index assets_contract on assets (contract_id);

create table entitlements (
  id text primary key,
  contract_id text not null references contracts (id),
  account_id text not null,
  dealer_id text,
  asset_id text references assets (id),
  subscription_id text references subscriptions (id),
  name text not null,
  start_date date not null,
  end_date date not null,
  created_at timestamptz not null default now(),
  check ((asset_id is null) <> (subscription_id is null))
);
create index entitlements_account on entitlements (account_id, start_date, end_date);
create index entitlements_contract on entitlements (contract_id);
