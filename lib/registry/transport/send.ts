import { Readable } from 'node:stream';

import type { Dispatcher } from 'undici';

import { AppError, redactUrl } from '@/lib/errors';
import { chunked, touching, wrapResponse, type TransportResponse } from './body';
import { linkedSignal } from './linked-signal';
import { mapNetworkError } from './response-error';
import type { RequestBody, RequestInfo, TransportRequest } from './types';

const BUFFER_STREAM_THRESHOLD = 1024 * 1024;

/** One HTTP exchange: where, how, and what bounds it. */
export interface Exchange {
  req: TransportRequest;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: RequestBody | undefined;
  /** The request's total deadline (aborts with TIMEOUT). */
  deadline: AbortSignal;
  /** When the deadline passes (ms since the epoch). */
  deadlineAt: number;
}

export interface SendOptions {
  dispatcherFor(url: URL): Dispatcher;
  /** Inactivity timeout (ms) until the headers arrive. */
  timeoutMs: number;
  onRequest?: (info: RequestInfo) => void;
}

/** Returns a function that performs one exchange (no redirects, no retries) and maps its errors. */
export function createSender(options: SendOptions): (ex: Exchange) => Promise<TransportResponse> {
  return async function send(ex) {
    const { req, url, method } = ex;
    // Open a stream body first: a source that fails to open is its own error, not this request's.
    let payload: Uint8Array | Readable | undefined =
      typeof ex.body === 'function' ? await ex.body() : ex.body;
    const limit = req.timeoutMs ?? options.timeoutMs;
    const idle = new AbortController();
    const timer = setTimeout(
      () =>
        idle.abort(
          new AppError('TIMEOUT', `${url.host} did not answer within ${limit} ms`, {
            retryable: true,
          }),
        ),
      limit,
    );
    const timeout = linkedSignal([idle.signal, ex.deadline]);
    const linked = req.signal ? linkedSignal([req.signal, timeout.signal]) : timeout;
    const timeoutSignal = timeout.signal;
    const signal = linked.signal;
    // The signal guards the body too: it is unlinked once the body is done, or at a failure.
    const unlink = () => {
      linked.dispose();
      timeout.dispose();
    };
    const started = performance.now();
    const report = (status: number | undefined, error?: string) =>
      options.onRequest?.({
        method,
        url: redactUrl(url.toString()),
        status,
        durationMs: Math.round(performance.now() - started),
        registry: req.registry,
        ...(error ? { error } : {}),
        ...(req.purpose ? { purpose: req.purpose } : {}),
      });
    try {
      if (payload instanceof Uint8Array && payload.length > BUFFER_STREAM_THRESHOLD)
        payload = chunked(payload);
      // The timer measures inactivity: every chunk of a streamed upload restarts it.
      if (payload instanceof Readable) payload = touching(payload, () => timer.refresh());
      const res = await options.dispatcherFor(url).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        headers: ex.headers,
        body: payload ?? null,
        signal,
      });
      clearTimeout(timer);
      report(res.statusCode);
      if (res.body.closed || res.body.destroyed) unlink();
      else res.body.once('close', unlink);
      return wrapResponse(res, {
        url,
        method,
        timeoutSignal: ex.deadline,
        ...(req.maxBodyBytes !== undefined ? { maxBodyBytes: req.maxBodyBytes } : {}),
        ...(req.notFound ? { notFound: req.notFound } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (err) {
      clearTimeout(timer);
      unlink();
      const mapped = mapNetworkError(err, {
        method,
        url,
        timeoutSignal,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      report(undefined, mapped.code);
      throw mapped;
    }
  };
}
