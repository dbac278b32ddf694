import type { AddressColumns } from '../store/rows.ts';

/** A person's display name: first and last name, as far as known. */
export function personName(row: { first_name: string | null; last_name: string }): string {
  return [row.first_name, row.last_name].filter(Boolean).join(' ');
}

/** The row's address, or null when it has none at all. */
export function addressOf(row: AddressColumns): AddressColumns | null {
  const { street, city, postal_code, country, latitude, longitude } = row;
  const address = { street, city, postal_code, country, latitude, longitude };
  return Object.values(address).every((value) => value === null) ? null : address;
}
