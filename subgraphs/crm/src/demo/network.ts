import type { AccountRow, ContactRow } from '../store/rows.ts';
import { CONTACT_TITLES, NAMES } from './people.ts';
import { companyName, makeAddress, makePerson, makePhone, slug } from './person.ts';
import { SUPPLIERS } from './phrases.ts';
import { CITIES, type City } from './places.ts';
import type { Random } from './random.ts';
import { addDays, between } from './time.ts';

/** A dealership with the city it serves and the sales staff who own its leads and opportunities. */
export interface Dealer {
  account: AccountRow;
  city: City;
  salesReps: readonly string[];
}

/** A customer account, its contacts (the first is the main one) and the dealer that serves it. */
export interface Customer {
  account: AccountRow;
  contacts: ContactRow[];
  dealer: Dealer;
  city: City;
  isBusiness: boolean;
}

export interface Network {
  dealers: Dealer[];
  suppliers: AccountRow[];
  customers: Customer[];
}

const BRANCHES = ['', ' Nord', ' Süd', ' Ost', ' West'];

/** `dealerCount` dealers in the cities of `CITIES` (several branches per city once every city has one), suppliers, customers. */
export function generateNetwork(rng: Random, now: Date, counts: { dealers: number; suppliers: number; customers: number }): Network {
  const dealers = Array.from({ length: counts.dealers }, (_, i) => makeDealer(rng, now, i));
  const suppliers = Array.from({ length: counts.suppliers }, (_, i) => makeSupplier(rng, now, i));
  const customers = Array.from({ length: counts.customers }, () => makeCustomer(rng, now, rng.pick(dealers)));
  return { dealers, suppliers, customers };
}

function makeDealer(rng: Random, now: Date, index: number): Dealer {
  const city = CITIES[index % CITIES.length] as City;
  const branch = Math.floor(index / CITIES.length);
  const names = NAMES[city.language];
  const family = rng.pick(names.lastNames);
  const name = `${names.dealer(family)} ${city.name}${BRANCHES[branch % BRANCHES.length]}${branch >= BRANCHES.length ? ` ${branch}` : ''}`;
  const host = `${slug(names.dealer(family))}-${slug(city.name)}${branch > 0 ? branch + 1 : ''}.example`;
  const createdAt = between(rng, addDays(now, -12 * 365), addDays(now, -2 * 365));
  const salesReps = Array.from({ length: 3 }, () => `${rng.pick(names.firstNames)} ${rng.pick(names.lastNames)}`);
  return {
    city,
    salesReps,
    account: {
      id: rng.uuid(),
      name,
      type: 'DEALER',
      dealer_code: `${city.country}-${city.code}-${String(branch + 1).padStart(2, '0')}`,
      dealer_id: null,
      email: `sales@${host}`,
      phone: makePhone(rng, city),
      website: `https://www.${host}`,
      ...makeAddress(rng, city, branch === 0 ? 3 : 12),
      created_at: createdAt,
      updated_at: between(rng, createdAt, now),
    },
  };
}

function makeSupplier(rng: Random, now: Date, index: number): AccountRow {
  const entry = SUPPLIERS[index % SUPPLIERS.length] as (typeof SUPPLIERS)[number];
  const city = CITIES[entry.cityIndex] as City;
  const host = `${slug(entry.name.split(' ')[0] ?? 'supplier')}-supplies.example`;
  const createdAt = between(rng, addDays(now, -15 * 365), addDays(now, -3 * 365));
  return {
    id: rng.uuid(),
    name: index < SUPPLIERS.length ? entry.name : `${entry.name} (${Math.floor(index / SUPPLIERS.length) + 1})`,
    type: 'SUPPLIER',
    dealer_code: null,
    dealer_id: null,
    email: `orders@${host}`,
    phone: makePhone(rng, city),
    website: `https://www.${host}`,
    ...makeAddress(rng, city, 15),
    created_at: createdAt,
    updated_at: between(rng, createdAt, now),
  };
}

/** A private buyer (three in four) or a small business with a few contacts, living near its dealer. */
function makeCustomer(rng: Random, now: Date, dealer: Dealer): Customer {
  const city = dealer.city;
  const isBusiness = rng.chance(0.25);
  const main = makePerson(rng, city);
  const createdAt = between(rng, addDays(now, -900), addDays(now, -1));
  const name = isBusiness ? companyName(rng, city, main.lastName) : `${main.firstName} ${main.lastName}`;
  const account: AccountRow = {
    id: rng.uuid(),
    name,
    type: 'CUSTOMER',
    dealer_code: null,
    dealer_id: dealer.account.id,
    email: isBusiness ? `office@${slug(main.lastName)}-${slug(city.name)}.example` : main.email,
    phone: main.phone,
    website: null,
    ...main.address,
    created_at: createdAt,
    updated_at: createdAt,
  };
  const people = isBusiness ? [main, ...Array.from({ length: rng.int(0, 2) }, () => makePerson(rng, city))] : [main];
  const contacts = people.map((person, i): ContactRow => ({
    id: rng.uuid(),
    account_id: account.id,
    first_name: person.firstName,
    last_name: person.lastName,
    email: person.email,
    phone: person.phone,
    title: isBusiness ? (CONTACT_TITLES[i === 0 ? 0 : rng.int(1, CONTACT_TITLES.length - 1)] ?? null) : null,
    created_at: createdAt,
    updated_at: createdAt,
  }));
  return { account, contacts, dealer, city, isBusiness };
}
