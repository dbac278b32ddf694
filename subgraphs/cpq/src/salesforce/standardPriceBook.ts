/**
 * Every org has one standard price book, which the API can neither create nor flag (`IsStandard` is read-only), and
 * so does CPQ. Before the first sync they are made one record: the org's standard book is stamped with our standard
 * book's id in `L2C_Id__c`, so the push updates it (upsert by external ID) instead of creating a second book, and its
 * entries are the standard prices Salesforce requires before any other book prices a product.
 */
import { standardPriceBook } from '../store/catalogue.ts';
import type { Logger, SalesforceClient, Store } from '@l2c/shared';

export type StandardBookOutcome = 'stamped' | 'already' | 'none' | 'taken';

export async function adoptStandardPriceBook(client: SalesforceClient, store: Store, logger: Logger): Promise<StandardBookOutcome> {
  const ours = await standardPriceBook(store);
  if (!ours) return 'none';
  const page = await client.query<{ Id: string; L2C_Id__c: string | null }>('SELECT Id, L2C_Id__c FROM Pricebook2 WHERE IsStandard = true LIMIT 1');
  const theirs = page.records[0];
  if (!theirs) return 'none';
  if (theirs.L2C_Id__c === ours.id) return 'already';
  if (theirs.L2C_Id__c) {
    logger.warn({ sfId: theirs.Id, l2cId: theirs.L2C_Id__c, ours: ours.id }, "the org's standard price book already carries another L2C_Id__c; it is left alone");
    return 'taken';
  }
  const [result] = await client.update('Pricebook2', [{ Id: theirs.Id, L2C_Id__c: ours.id }]);
  if (!result?.success) throw new Error(`stamping the org's standard price book ${theirs.Id} failed: ${JSON.stringify(result?.errors)}`);
  logger.info({ sfId: theirs.Id, l2cId: ours.id }, "the org's standard price book is CPQ's standard price book");
  return 'stamped';
}
