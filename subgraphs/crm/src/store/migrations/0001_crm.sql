-- CRM: accounts (customers, dealers, suppliers), contacts, leads and opportunities with their line items and
-- preferred sellers, and test drives. Enum-like columns hold the GraphQL enum values; statuses and stages are data.

create table accounts (
  id text primary key,
  name text not null,
  type text not null check (type in ('CUSTOMER', 'DEALER', 'SUPPLIER')),
  dealer_code text unique,
  -- customers: the dealer that serves them; partners see the customers of their own dealer
  dealer_id text references accounts (id),
  email text,
  phone text,
  website text,
  street text,
  city text,
  postal_code text,
  country text,
  latitude double precision,
  longitude double precision,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (dealer_code is null or type = 'DEALER'),
  check (latitude is null or latitude between -90 and 90),
  check (longitude is null or longitude between -180 and 180)
);
create index accounts_type_name on accounts (type, name, id);
create index accounts_dealer on accounts (dealer_id);

create table contacts (
  id text primary key,
  account_id text not null references accounts (id),
  first_name text,
  last_name text not null,
  email text,
  phone text,
  title text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_account on contacts (account_id);
create index contacts_email on contacts (lower(email));

create table lead_statuses (
  name text primary key,
  kind text not null check (kind in ('OPEN', 'WORKING', 'QUALIFIED', 'UNQUALIFIED', 'NURTURE')),
  sort_order integer not null,
  is_default boolean not null default false,
  is_custom boolean not null default true,
  description text
);
create unique index lead_statuses_one_default on lead_statuses (is_default) where is_default;
insert into lead_statuses (name, kind, sort_order, is_default, is_custom, description) values
  ('Open', 'OPEN', 10, true, false, 'New lead, nobody has reached out yet'),
  ('Contacted', 'WORKING', 20, false, false, 'Someone has been in touch with the prospect'),
  ('Qualified', 'QUALIFIED', 30, false, false, 'Need, authority and ability to deliver are confirmed; ready to convert'),
  ('Unqualified', 'UNQUALIFIED', 40, false, false, 'Not a fit now; to be nurtured or archived'),
  ('Nurturing', 'NURTURE', 50, false, true, 'Unqualified for now; kept warm with marketing until the prospect is ready');

create table leads (
  id text primary key,
  first_name text,
  last_name text not null,
  company text,
  email text,
  phone text,
  street text,
  city text,
  postal_code text,
  country text,
  latitude double precision,
  longitude double precision,
  status text not null references lead_statuses (name),
  source_channel text not null check (source_channel in ('WEB', 'PHONE', 'EMAIL', 'WALK_IN', 'EVENT', 'DEALER', 'PARTNER', 'SOCIAL', 'REFERRAL', 'ADVERTISEMENT', 'OTHER')),
  rating text check (rating in ('HOT', 'WARM', 'COLD')),
  owner text,
  dealer_id text references accounts (id),
  earliest_interest_date date,
  latest_interest_date date,
  interest_tags text[] not null default '{}',
  need boolean not null default false,
  authority boolean not null default false,
  ability_to_deliver boolean not null default false,
  qualification_notes text,
  unqualified_reason text,
  nurture_until date,
  archived_at timestamptz,
  archive_reason text,
  converted_at timestamptz,
  converted_account_id text references accounts (id),
  converted_contact_id text references contacts (id),
  converted_opportunity_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (earliest_interest_date is null or latest_interest_date is null or earliest_interest_date <= latest_interest_date)
);
create index leads_created on leads (created_at, id);
create index leads_status on leads (status);
create index leads_dealer on leads (dealer_id, created_at, id);
create index leads_email on leads (lower(email));

create table lead_line_items (
  id text primary key,
  lead_id text not null references leads (id) on delete cascade,
  product_code text,
  product_name text not null,
  product_type text not null check (product_type in ('VEHICLE', 'SPARE_PART', 'ACCESSORY')),
  quantity integer not null check (quantity > 0),
  notes text,
  created_at timestamptz not null default now()
);
create index lead_line_items_lead on lead_line_items (lead_id, created_at, id);

create table lead_preferred_sellers (
  id text primary key,
  lead_id text not null references leads (id) on delete cascade,
  dealer_id text not null references accounts (id),
  reason text not null check (reason in ('PREFERRED', 'GENERATED_LEAD', 'PREVIOUS_PURCHASE', 'NEAREST')),
  notes text,
  created_at timestamptz not null default now(),
  unique (lead_id, dealer_id)
);
create index lead_preferred_sellers_lead on lead_preferred_sellers (lead_id, created_at, id);

create table opportunity_stages (
  name text primary key,
  sort_order integer not null,
  default_probability integer not null check (default_probability between 0 and 100),
  is_closed boolean not null,
  is_won boolean not null,
  check (not is_won or is_closed)
);
insert into opportunity_stages (name, sort_order, default_probability, is_closed, is_won) values
  ('Prospecting', 10, 10, false, false),
  ('Qualification', 20, 10, false, false),
  ('Needs Analysis', 30, 20, false, false),
  ('Value Proposition', 40, 50, false, false),
  ('Id. Decision Makers', 50, 60, false, false),
  ('Perception Analysis', 60, 70, false, false),
  ('Proposal/Price Quote', 70, 75, false, false),
  ('Negotiation/Review', 80, 90, false, false),
  ('Closed Won', 90, 100, true, true),
  ('Closed Lost', 100, 0, true, false);

create table opportunities (
  id text primary key,
  name text not null,
  account_id text not null references accounts (id),
  contact_id text references contacts (id),
  dealer_id text references accounts (id),
  lead_id text references leads (id),
  stage text not null references opportunity_stages (name),
  amount numeric(18, 2) check (amount is null or amount >= 0),
  close_date date not null,
  probability integer not null check (probability between 0 and 100),
  discount_percent numeric(5, 2) check (discount_percent is null or discount_percent between 0 and 100),
  owner text,
  source_channel text,
  loss_reason text,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index opportunities_created on opportunities (created_at, id);
create index opportunities_account on opportunities (account_id);
create index opportunities_dealer on opportunities (dealer_id, created_at, id);
create index opportunities_stage on opportunities (stage);
alter table leads add constraint leads_converted_opportunity foreign key (converted_opportunity_id) references opportunities (id);

create table opportunity_line_items (
  id text primary key,
  opportunity_id text not null references opportunities (id) on delete cascade,
  product_code text,
  product_name text not null,
  product_type text not null check (product_type in ('VEHICLE', 'SPARE_PART', 'ACCESSORY')),
  quantity integer not null check (quantity > 0),
  unit_price numeric(18, 2) check (unit_price is null or unit_price >= 0),
  notes text,
  lead_line_item_id text references lead_line_items (id),
  created_at timestamptz not null default now()
);
create index opportunity_line_items_opportunity on opportunity_line_items (opportunity_id, created_at, id);

create table opportunity_preferred_sellers (
  id text primary key,
  opportunity_id text not null references opportunities (id) on delete cascade,
  dealer_id text not null references accounts (id),
  reason text not null check (reason in ('PREFERRED', 'GENERATED_LEAD', 'PREVIOUS_PURCHASE', 'NEAREST')),
  notes text,
  lead_preferred_seller_id text references lead_preferred_sellers (id),
  created_at timestamptz not null default now(),
  unique (opportunity_id, dealer_id)
);
create index opportunity_preferred_sellers_opportunity on opportunity_preferred_sellers (opportunity_id, created_at, id);

create table test_drives (
  id text primary key,
  lead_id text references leads (id),
  opportunity_id text references opportunities (id),
  dealer_id text not null references accounts (id),
  vehicle text not null,
  product_code text,
  scheduled_at timestamptz not null,
  status text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
  feedback text,
  rating integer check (rating between 1 and 5),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (lead_id is not null or opportunity_id is not null)
);
create index test_drives_lead on test_drives (lead_id);
create index test_drives_opportunity on test_drives (opportunity_id);
create index test_drives_dealer on test_drives (dealer_id, scheduled_at);
