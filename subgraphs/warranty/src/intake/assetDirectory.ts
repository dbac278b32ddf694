import { signIdentity, type Identity, type SubgraphClient } from '@l2c/shared';

/**
 * What warranty learns of CPQ's assets, asked through the graph (never CPQ's tables): an asset by id, or the assets
 * an activated order delivered. Warranty asks as itself, an internal caller: a workshop files claims on vehicles other
 * dealers sold, so the asset must be found whoever sold it. Tests and the import benchmark use the same port.
 */
export interface CpqAsset {
  id: string;
  name: string | null;
  vin: string | null;
  installDate: string | null;
  purchaseDate: string | null;
  accountId: string | null;
  /** The dealer that sold it (the contract's dealer). */
  dealerId: string | null;
  product: { id: string; code: string | null; name: string | null; family: string | null; category: string | null } | null;
}

export interface AssetDirectory {
  /** The assets CPQ has of these ids (unknown ones are left out). */
  assets(ids: readonly string[]): Promise<CpqAsset[]>;
  /** The assets on the contract an activated order joined (the order's own among them). */
  assetsOfOrder(orderId: string): Promise<CpqAsset[]>;
}

/** The identity warranty's own calls carry: internal, read-only in effect. */
export const WARRANTY_SERVICE: Identity = { subject: 'warranty-service', roles: ['staff'], dealerAccountId: null };

const FACTS = `fragment WarrantyAssetFacts on Asset {
  id name serialNumber installDate purchaseDate account { id } contract { dealer { id } } product { id code name family category }
}`;
const BY_ID = `query WarrantyAssets($representations: [_Any!]!) { _entities(representations: $representations) { ... on Asset { ...WarrantyAssetFacts } } } ${FACTS}`;
const OF_ORDER = `query WarrantyOrderAssets($id: ID!) { order(id: $id) { id contract { assets { ...WarrantyAssetFacts } } } } ${FACTS}`;

interface AssetAnswer {
  id: string;
  name: string | null;
  serialNumber: string | null;
  installDate: string | null;
  purchaseDate: string | null;
  account: { id: string } | null;
  contract: { dealer: { id: string } | null } | null;
  product: CpqAsset['product'];
}

export function cpqAssetDirectory(client: SubgraphClient, signingSecret: string): AssetDirectory {
  const caller = () => signIdentity(WARRANTY_SERVICE, signingSecret);
  return {
    async assets(ids) {
      if (ids.length === 0) return [];
      const data = await client.request<{ _entities: (AssetAnswer | null)[] }>(caller(), BY_ID, { representations: ids.map((id) => ({ __typename: 'Asset', id })) });
      return data._entities.filter((a): a is AssetAnswer => a !== null && typeof a.id === 'string').map(toAsset);
    },
    async assetsOfOrder(orderId) {
      const data = await client.request<{ order: { contract: { assets: AssetAnswer[] } | null } | null }>(caller(), OF_ORDER, { id: orderId });
      return (data.order?.contract?.assets ?? []).map(toAsset);
    },
  };
}

function toAsset(answer: AssetAnswer): CpqAsset {
  return {
    id: answer.id,
    name: answer.name,
    vin: answer.serialNumber,
    installDate: answer.installDate,
    purchaseDate: answer.purchaseDate,
    accountId: answer.account?.id ?? null,
    dealerId: answer.contract?.dealer?.id ?? null,
    product: answer.product,
  };
}
