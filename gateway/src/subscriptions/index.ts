export { subscriptionLayer, SubscriptionCloseCode, type SubscriptionLayerOptions, type SubscriptionContext } from './subscriptionLayer.ts';
export { EVENT_FAMILIES, scopeFor, type EventFamily, type EventScope } from './eventFamilies.ts';
export { FROM_OLDEST, ResumePointExpiredError } from './resumePoint.ts';
