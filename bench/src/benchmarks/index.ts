import type { Benchmark } from '../benchmark.ts';
import { csvImport } from './csvImport.ts';
import { emulator } from './emulator.ts';
import { gatewayPeers } from './gatewayPeers.ts';
import { gatewayRead } from './gatewayRead.ts';
import { start } from './start.ts';
import { storeOpen } from './storeOpen.ts';
import { invoiceRun } from './invoiceRun.ts';
import { insights } from './insights.ts';
import { subscriptions } from './subscriptions.ts';
import { sync } from './sync.ts';

/** Every benchmark `npm run bench` knows, by name. */
export const benchmarks: Benchmark[] = [emulator, gatewayRead, subscriptions, sync, start, gatewayPeers, invoiceRun, csvImport, insights, storeOpen];
