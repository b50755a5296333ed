import pLimit from 'p-limit';

import { AppError, isAppError } from '@/lib/errors';

/** Runs a scan's registry requests: at most `concurrency` at once, counted, paused together on 429. */
export interface RequestGate {
  /** Returns what `fn` returns; throws its error (after rate-limit retries) or ABORTED. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Requests started so far (each rate-limited retry counts). */
  readonly requests: number;
}

export interface RequestGateOptions {
  concurrency: number;
  signal?: AbortSignal;
  /** First pause after a 429 the transport could not absorb (ms); doubles each time. */
  rateLimitPauseMs?: number;
  /** How many times one request is tried again after a 429. */
  rateLimitRetries?: number;
  /** Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RATE_LIMITED = new Set(['TOOMANYREQUESTS', 'RATE_LIMITED']);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Returns a gate for one registry. The transport already waits out `Retry-After` on each request;
 * a 429 that still comes through means the registry wants the whole scan slower, so every request
 * of the gate waits for the pause, and the refused one is sent again (up to `rateLimitRetries`).
 */
export function createRequestGate(opts: RequestGateOptions): RequestGate {
  const limit = pLimit(opts.concurrency);
  const sleep = opts.sleep ?? defaultSleep;
  const basePause = opts.rateLimitPauseMs ?? 2_000;
  const retries = opts.rateLimitRetries ?? 5;
  let requests = 0;
  let pausedUntil = 0;
  let pause = basePause;

  const checkAborted = () => {
    if (opts.signal?.aborted)
      throw isAppError(opts.signal.reason)
        ? opts.signal.reason
        : new AppError('ABORTED', 'The scan was cancelled');
  };

  const once = async <T>(fn: () => Promise<T>): Promise<T> => {
    // Sleep until the pause ends; again only if another 429 extended it meanwhile.
    for (let waited = 0; pausedUntil > waited;) {
      waited = pausedUntil;
      const wait = waited - Date.now();
      if (wait > 0) await sleep(wait, opts.signal);
    }
    checkAborted();
    requests++;
    return fn();
  };

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await limit(() => once(fn));
          pause = basePause;
          return result;
        } catch (err) {
          if (!isAppError(err) || !RATE_LIMITED.has(err.code) || attempt >= retries) throw err;
          pausedUntil = Math.max(pausedUntil, Date.now() + pause);
          pause = Math.min(pause * 2, 60_000);
        }
      }
    },
    get requests() {
      return requests;
    },
  };
}
