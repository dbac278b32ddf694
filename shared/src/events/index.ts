export * from './types.ts';
export * from './bus.ts';
export { MemoryEventBus } from './memoryBus.ts';
export { RedisEventBus, type RedisEventBusOptions } from './redisBus.ts';
export { recordEvent, recordEvents, unpublishedEvents, markPublished, toDomainEvent, type OutboxRow } from './outbox.ts';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type RelayState } from './relay.ts';
