import { AppError } from '@/lib/errors';

/** A total time budget for one request, its body included. */
export interface Deadline {
  signal: AbortSignal;
  /** Stops the clock (the body was read or the request failed). */
  clear(): void;
}

/** Returns a running deadline of `ms`; when it passes, its signal aborts with a TIMEOUT AppError. */
export function startDeadline(ms: number, what: string): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new AppError('TIMEOUT', `${what} did not finish within ${Math.round(ms / 1000)} s`, {
          retryable: true,
        }),
      ),
    ms,
  );
  // A deadline never keeps the process alive.
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Returns the deadline (ms) for moving `bytes`: `base` plus the time at a floor rate of 256 KiB/s. */
export function deadlineForBytes(bytes: number, base = 120_000): number {
  return base + Math.ceil((Math.max(0, bytes) / (256 * 1024)) * 1000);
}
