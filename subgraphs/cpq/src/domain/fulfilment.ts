import { fromCents, mustCents } from './money.ts';
import { termEnd, type Period } from './contractTerms.ts';

/**
 * What an activated order leaves behind on its contract: a subscription for each recurring line, assets for the
 * products delivered (one per vehicle, which has its own VIN; one per line for parts and accessories), and the
 * entitlements they carry. Because split orders are activated on their own dates, entitlements start and end with
 * the order that delivered them: the service team can tell which are active for a customer on any day.
 */

export interface ActivatedItem {
  orderItemId: string;
  productId: string;
  productName: string;
  category: 'VEHICLE' | 'SPARE_PART' | 'ACCESSORY' | 'SERVICE';
  chargeType: 'ONE_TIME' | 'RECURRING';
  quantity: number;
  /** Net unit price, exact decimal text. */
  unitPrice: string;
  subscriptionTerm: number | null;
  /** The line's own start date, when it has one later than the order's. */
  startDate: string | null;
  /** The entitlement the product grants (e.g. "Roadside assistance"), and for how many months from delivery. */
  entitlementName: string | null;
  entitlementMonths: number | null;
}

export interface PlannedSubscription extends Period {
  id: string;
  orderItemId: string;
  productId: string;
  quantity: number;
  netPrice: string;
  endDate: string;
}

export interface PlannedAsset {
  id: string;
  orderItemId: string;
  productId: string;
  name: string;
  quantity: number;
  /** Price of the asset: the net unit price × its quantity. */
  price: string;
  installDate: string;
  purchaseDate: string;
}

export interface PlannedEntitlement extends Period {
  id: string;
  name: string;
  assetId: string | null;
  subscriptionId: string | null;
  endDate: string;
}

export interface Fulfilment {
  subscriptions: PlannedSubscription[];
  assets: PlannedAsset[];
  entitlements: PlannedEntitlement[];
}

/** The subscriptions, assets and entitlements of an order activated on `activatedOn`, effective from `effectiveDate`. */
export function fulfilOrder(effectiveDate: string, activatedOn: string, items: readonly ActivatedItem[], newId: () => string): Fulfilment {
  const result: Fulfilment = { subscriptions: [], assets: [], entitlements: [] };
  for (const item of items) {
    if (item.chargeType === 'RECURRING') {
      const startDate = item.startDate && item.startDate > effectiveDate ? item.startDate : effectiveDate;
      const subscription: PlannedSubscription = {
        id: newId(),
        orderItemId: item.orderItemId,
        productId: item.productId,
        quantity: item.quantity,
        netPrice: item.unitPrice,
        startDate,
        endDate: termEnd(startDate, item.subscriptionTerm ?? 12),
      };
      result.subscriptions.push(subscription);
      result.entitlements.push({ id: newId(), name: item.entitlementName ?? item.productName, assetId: null, subscriptionId: subscription.id, startDate, endDate: subscription.endDate });
      continue;
    }
    const perUnit = item.category === 'VEHICLE';
    const units = perUnit ? Array.from({ length: item.quantity }, () => 1) : [item.quantity];
    for (const quantity of units) {
      const asset: PlannedAsset = {
        id: newId(),
        orderItemId: item.orderItemId,
        productId: item.productId,
        name: item.productName,
        quantity,
        price: fromCents(mustCents(item.unitPrice) * BigInt(quantity)),
        installDate: effectiveDate,
        purchaseDate: activatedOn,
      };
      result.assets.push(asset);
      if (item.entitlementName && item.entitlementMonths) {
        result.entitlements.push({ id: newId(), name: item.entitlementName, assetId: asset.id, subscriptionId: null, startDate: effectiveDate, endDate: termEnd(effectiveDate, item.entitlementMonths) });
      }
    }
  }
  return result;
}
