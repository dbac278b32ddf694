import type { Benchmark } from '../benchmark.ts';
import { emulator } from './emulator.ts';
import { gatewayRead } from './gatewayRead.ts';

/** Every benchmark `npm run bench` knows, by name. */
export const benchmarks: Benchmark[] = [emulator, gatewayRead];
