import type { Benchmark } from '../benchmark.ts';
import { emulator } from './emulator.ts';
import { gatewayRead } from './gatewayRead.ts';
import { insights } from './insights.ts';
import { subscriptions } from './subscriptions.ts';
import { sync } from './sync.ts';

/** Every benchmark `npm run bench` knows, by name. */
export const benchmarks: Benchmark[] = [emulator, gatewayRead, subscriptions, sync, insights];
