import { AppError, isAppError } from '@/lib/errors';
import type { TransportResponse } from './body';
import { isReplayableBody } from './body-kind';
import { isRetryableStatus, parseRetryAfter } from './response-error';
import type { Exchange } from './send';

export interface RetryOptions {
  retries: number;
  retryBaseMs: number;
  maxRetryDelayMs: number;
}

type Send = (ex: Exchange) => Promise<TransportResponse>;

/**
 * Returns `send` wrapped to retry idempotent requests with a replayable body after network
 * errors, 408, 429 (honouring Retry-After, capped) and 5xx, with jittered exponential backoff.
 */
export function withRetries(send: Send, options: RetryOptions): Send {
  const backoff = (attempt: number) => {
    const exp = options.retryBaseMs * 2 ** attempt;
    return Math.min(options.maxRetryDelayMs, exp / 2 + Math.random() * (exp / 2));
  };
  return async (ex) => {
    const canRetry =
      (ex.method === 'GET' || ex.method === 'HEAD' || ex.req.idempotent === true) &&
      isReplayableBody(ex.body);
    // Only a retry waits: its signal is made then, not for every request.
    const waitSignal = () =>
      ex.req.signal ? AbortSignal.any([ex.req.signal, ex.deadline]) : ex.deadline;
    // A wait that outlasts the deadline would end in TIMEOUT and hide what the registry said
    // (a page's few seconds against a Retry-After of 30): the last answer is final then.
    const fits = (wait: number) => Date.now() + wait < ex.deadlineAt;
    for (let attempt = 0; ; attempt++) {
      const more = canRetry && attempt < options.retries;
      let res: TransportResponse;
      try {
        res = await send(ex);
      } catch (err) {
        const wait = backoff(attempt);
        if (more && isAppError(err) && err.retryable && !ex.deadline.aborted && fits(wait)) {
          await sleep(wait, waitSignal());
          continue;
        }
        throw err;
      }
      if (!more || !isRetryableStatus(res.status)) return res;
      const wait =
        parseRetryAfter(res.headers.get('retry-after'), options.maxRetryDelayMs) ??
        backoff(attempt);
      if (!fits(wait)) return res;
      await res.dump();
      await sleep(wait, waitSignal());
    }
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  const reason = () =>
    isAppError(signal.reason)
      ? signal.reason
      : new AppError('ABORTED', 'The request was cancelled');
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(reason());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(reason());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
