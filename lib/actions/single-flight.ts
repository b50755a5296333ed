/**
 * Identical requests that arrive while the first is still running (a double click, a retried
 * request) share its result, so the work is done once. Kept on globalThis: Next bundles route
 * handlers separately, and every copy must see the same calls in flight.
 */
const globalForFlights = globalThis as unknown as {
  manifoldInFlight?: Map<string, Promise<unknown>>;
};

/** Returns `fn()`'s result, or the result of an identical call (same key) still running; rejects like `fn`. */
export function shareInFlight<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const flights = (globalForFlights.manifoldInFlight ??= new Map<string, Promise<unknown>>());
  const running = flights.get(key);
  if (running) return running as Promise<T>;
  const started = fn().finally(() => flights.delete(key));
  flights.set(key, started);
  return started;
}
