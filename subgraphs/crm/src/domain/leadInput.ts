import { badInput, dateValue, emailValue, intValue, optionalText, requiredText, decimalValue } from '@l2c/shared';
import type { AddressColumns, LeadRating, PreferredSellerReason, ProductType } from '../store/rows.ts';

export interface AddressInput {
  street?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface LineItemInput {
  productCode?: string | null;
  productName: string;
  productType: ProductType;
  quantity: number;
  unitPrice?: string | null;
  notes?: string | null;
}

export interface PreferredSellerInput {
  dealerId: string;
  reason: PreferredSellerReason;
  notes?: string | null;
}

export interface LeadFieldsInput {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: AddressInput | null;
  rating?: LeadRating | null;
  owner?: string | null;
  earliestInterestDate?: string | null;
  latestInterestDate?: string | null;
  interestTags?: string[] | null;
}

/** Checks the editable lead fields given and returns them as columns; fields not given stay undefined (unchanged). */
export function leadColumns(input: LeadFieldsInput, current?: { earliest_interest_date: string | null; latest_interest_date: string | null }) {
  const columns = {
    first_name: optionalText('input.firstName', input.firstName, 40),
    last_name: input.lastName === undefined ? undefined : requiredText('input.lastName', input.lastName ?? '', 80),
    company: optionalText('input.company', input.company, 255),
    email: emailValue('input.email', input.email),
    phone: optionalText('input.phone', input.phone, 40),
    rating: input.rating,
    owner: optionalText('input.owner', input.owner, 80),
    earliest_interest_date: input.earliestInterestDate == null ? input.earliestInterestDate : dateValue('input.earliestInterestDate', input.earliestInterestDate),
    latest_interest_date: input.latestInterestDate == null ? input.latestInterestDate : dateValue('input.latestInterestDate', input.latestInterestDate),
    interest_tags: input.interestTags == null ? (input.interestTags === null ? [] : undefined) : interestTags(input.interestTags),
    ...(input.address === undefined ? {} : addressColumns('input.address', input.address)),
  };
  const earliest = columns.earliest_interest_date === undefined ? current?.earliest_interest_date : columns.earliest_interest_date;
  const latest = columns.latest_interest_date === undefined ? current?.latest_interest_date : columns.latest_interest_date;
  if (earliest && latest && earliest > latest) {
    throw badInput('input.latestInterestDate', latest, `must not be before the earliest interest date ${earliest}`);
  }
  return columns;
}

/** Tags are trimmed, lower-cased and de-duplicated; at most 20 of at most 40 characters each. */
export function interestTags(tags: readonly string[]): string[] {
  const cleaned = [...new Set(tags.map((tag, i) => requiredText(`input.interestTags[${i}]`, tag, 40).toLowerCase()))];
  if (cleaned.length > 20) throw badInput('input.interestTags', tags.length, 'must hold at most 20 tags');
  return cleaned;
}

export function addressColumns(field: string, address: AddressInput | null): AddressColumns {
  const a = address ?? {};
  const latitude = a.latitude ?? null;
  const longitude = a.longitude ?? null;
  if (latitude !== null && (latitude < -90 || latitude > 90)) throw badInput(`${field}.latitude`, latitude, 'must be between -90 and 90');
  if (longitude !== null && (longitude < -180 || longitude > 180)) throw badInput(`${field}.longitude`, longitude, 'must be between -180 and 180');
  if ((latitude === null) !== (longitude === null)) throw badInput(`${field}.longitude`, longitude, 'latitude and longitude go together: give both or neither');
  return {
    street: optionalText(`${field}.street`, a.street, 255) ?? null,
    city: optionalText(`${field}.city`, a.city, 80) ?? null,
    postal_code: optionalText(`${field}.postalCode`, a.postalCode, 20) ?? null,
    country: optionalText(`${field}.country`, a.country, 80) ?? null,
    latitude,
    longitude,
  };
}

/** A line item's columns, checked: a product name, a whole positive quantity, a price that is an exact decimal. */
export function lineItemColumns(field: string, item: LineItemInput) {
  return {
    product_code: optionalText(`${field}.productCode`, item.productCode, 40) ?? null,
    product_name: requiredText(`${field}.productName`, item.productName, 255),
    product_type: item.productType,
    quantity: intValue(`${field}.quantity`, item.quantity, 1, 9999),
    unit_price: item.unitPrice == null ? null : decimalValue(`${field}.unitPrice`, item.unitPrice, { scale: 2, min: 0 }),
    notes: optionalText(`${field}.notes`, item.notes, 1000) ?? null,
  };
}
