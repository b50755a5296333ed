import { AppError } from '@/lib/errors';

/** A total time budget for one request, its body included. */
export interface Deadline {
  signal: AbortSignal;
  /** Stops the clock (the body was read or the request failed). */
  clear(): void;
}

/**
 * Returns a running deadline of `ms`; when it passes, its signal aborts with a TIMEOUT AppError
 * naming the host (a page's few seconds and a job's minutes both end in the same sentence).
 */
export function startDeadline(ms: number, at: { host: string; what: string }): Deadline {
  const controller = new AbortController();
  const seconds = String(Number((ms / 1000).toFixed(1)));
  const timer = setTimeout(
    () =>
      controller.abort(
        new AppError('TIMEOUT', `${at.host} did not answer ${at.what} within ${seconds} s`, {
          retryable: true,
        }),
      ),
    ms,
  );
  // A deadline never keeps the process alive.
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Returns the time (ms) moving `bytes` may take at a floor rate of 256 KiB/s. */
export function transferMs(bytes: number): number {
  return Math.ceil((Math.max(0, bytes) / (256 * 1024)) * 1000);
}
