import type { AddressColumns } from '../store/rows.ts';
import { NAMES, TRADES } from './people.ts';
import type { City } from './places.ts';
import type { Random } from './random.ts';

/** An invented person: a random given name and surname of the city's language, at a random address near it. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: AddressColumns;
}

/** Domains reserved for documentation (RFC 2606), so no demo e-mail can reach a real mailbox. */
const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export function makePerson(rng: Random, city: City, radiusKm = 25): Person {
  const names = NAMES[city.language];
  const firstName = rng.pick(names.firstNames);
  const lastName = rng.pick(names.lastNames);
  const suffix = rng.chance(0.5) ? String(rng.int(1, 99)) : '';
  return {
    firstName,
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}${suffix}@${rng.pick(MAIL_DOMAINS)}`,
    phone: makePhone(rng, city),
    address: makeAddress(rng, city, radiusKm),
  };
}

/** A small business named after a family: `Hoffmann Logistics GmbH`, `Rossi Catering S.r.l.`. */
export function companyName(rng: Random, city: City, family: string): string {
  return `${family} ${rng.pick(TRADES)} ${rng.pick(NAMES[city.language].companyForms)}`;
}

/** A street address within `radiusKm` of the city centre (a square, which is close enough for demo data). */
export function makeAddress(rng: Random, city: City, radiusKm: number): AddressColumns {
  const names = NAMES[city.language];
  const dLat = ((rng.next() * 2 - 1) * radiusKm) / 111;
  const dLon = ((rng.next() * 2 - 1) * radiusKm) / (111 * Math.cos((city.latitude * Math.PI) / 180));
  return {
    street: names.address(rng.pick(names.streets), rng.int(1, 180)),
    city: city.name,
    postal_code: rng.pattern(city.postalCode),
    country: city.country,
    latitude: round(city.latitude + dLat, 6),
    longitude: round(city.longitude + dLon, 6),
  };
}

/** Random digits after a real area code; the `555` block marks them as made up. */
export function makePhone(rng: Random, city: City): string {
  return `${city.phonePrefix} 555 ${rng.pattern('####')}`;
}

/** Lower-case ASCII for e-mail addresses and host names: `Schäfer` → `schafer`, `de Vries` → `devries`. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { latitude: number | null; longitude: number | null }, b: { latitude: number | null; longitude: number | null }): number {
  const rad = Math.PI / 180;
  const lat1 = (a.latitude ?? 0) * rad;
  const lat2 = (b.latitude ?? 0) * rad;
  const dLat = lat2 - lat1;
  const dLon = ((b.longitude ?? 0) - (a.longitude ?? 0)) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
