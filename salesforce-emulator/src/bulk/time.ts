/** Salesforce's datetime form in JobInfo and REST bodies: `2024-05-01T09:30:00.000+0000`. */
export function sfDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Lets the event loop run (other requests, timers) before the caller continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
