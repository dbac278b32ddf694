import { SubgraphRequestError, type EventBus, type Logger, type Store, type Tail } from '@l2c/shared';
import { registerAssets } from '../commands/assetWarranties.ts';
import type { AssetDirectory } from './assetDirectory.ts';

/**
 * Follows CPQ's `OrderActivated` events (a consumer group on the event bus, so several warranty processes share the
 * work and each event is handled once) and registers the assets each activated order delivered, with the warranties
 * of their products. When CPQ cannot be reached the event is handed over again later; an order CPQ no longer knows
 * is skipped.
 */
export const INTAKE_GROUP = 'warranty-asset-intake';

export interface AssetIntakeOptions {
  bus: EventBus;
  store: Store;
  assets: AssetDirectory;
  logger: Logger;
  /** This process's name in the consumer group. Default `warranty-<pid>`. */
  consumer?: string;
  newId: () => string;
}

export function startAssetIntake(options: AssetIntakeOptions): Tail {
  const logger = options.logger.child({ component: 'asset-intake' });
  return options.bus.consume(INTAKE_GROUP, options.consumer ?? `warranty-${process.pid}`, async (event) => {
    if (event.type !== 'OrderActivated' || event.entity.typename !== 'Order') return;
    let assets;
    try {
      assets = await options.assets.assetsOfOrder(event.entity.id);
    } catch (error) {
      if (error instanceof SubgraphRequestError && error.kind === 'GRAPHQL' && error.code === 'NOT_FOUND') {
        logger.warn({ orderId: event.entity.id }, 'an activated order CPQ does not know; skipped');
        return;
      }
      throw error;
    }
    const registered = await registerAssets(options.store, assets, options.newId);
    logger.info({ orderId: event.entity.id, assets: assets.length, warranties: registered.length }, 'assets of an activated order registered');
  });
}
