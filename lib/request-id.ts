import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

// The request id travels with the request, into the job it starts and the registry requests
// either causes, without every function in between passing it along (as the store's actor does).
const storage = new AsyncLocalStorage<string>();

// A proxy's id is echoed into logs and job records: keep it short and printable.
const ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Returns fn's result, run with `id` as the current request id (or without one when id is null). */
export function withRequestId<T>(id: string | null | undefined, fn: () => T): T {
  return id ? storage.run(id, fn) : fn();
}

/** Returns the request id of the current request or job, or undefined outside one. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}

/**
 * Returns the id for a request: the `x-request-id` a trusted proxy sent when it is well formed,
 * else a new UUID. Never throws.
 */
export function requestIdFor(headerValue: string | null, fromTrustedProxy: boolean): string {
  if (fromTrustedProxy && headerValue && ID_RE.test(headerValue)) return headerValue;
  return randomUUID();
}
