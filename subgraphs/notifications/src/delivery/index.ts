export { createDeliveryQueue, deliveryJobId, WEBHOOK_QUEUE, type DeliveryQueue, type DeliveryJob } from './queue.ts';
export { dispatchEvent, startDispatcher, WEBHOOK_CONSUMER_GROUP } from './dispatcher.ts';
export { startDeliveryWorker } from './deliveryWorker.ts';
export { processDelivery, type DeliverySettings } from './processDelivery.ts';
export { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions, type WebhookWorkerState } from './webhookWorker.ts';
export { createSecretBox, type SecretBox } from '../secrets/secretBox.ts';
export { verifySignature, signatureHeader, computeSignature, SIGNATURE_TOLERANCE_SECONDS } from '../domain/signature.ts';
export { WEBHOOK_EVENT_TYPES } from '../domain/eventTypes.ts';
