/** How the warranty subgraph learns of assets and dealers from the others (through the graph and CPQ's events). */
export { cpqAssetDirectory } from './assetDirectory.ts';
export { startAssetIntake } from './assetIntake.ts';
export { crmDealerDirectory } from './dealerDirectory.ts';
