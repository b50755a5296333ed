import { PassThrough, Readable } from 'node:stream';

import { AppError, isAppError, redactUrl } from '@/lib/errors';
import {
  discard,
  errorFromResponse,
  mapNetworkError,
  readCappedText,
  type NotFoundContext,
} from './response-error';

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ResponseHeaders {
  /** Returns the header value (several values joined by ", "), or undefined. */
  get(name: string): string | undefined;
}

export interface TransportResponse {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: ResponseHeaders;
  body: Readable;
  /** Returns the whole body; throws TOO_LARGE past `maxBytes` (default: the request's maxBodyBytes). */
  bytes(maxBytes?: number): Promise<Uint8Array>;
  /** Returns the body parsed as JSON; throws INVALID_RESPONSE when it is not JSON. */
  json(maxBytes?: number): Promise<unknown>;
  /** Discards the body so the connection can be reused. */
  dump(): Promise<void>;
  /** Returns the AppError this (failed) response maps to; consumes the body. */
  toError(): Promise<AppError>;
}

/** What undici's `request` returns, structurally. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable & { dump(opts?: { limit?: number }): Promise<void> };
}

export interface ResponseContext {
  url: URL;
  method: string;
  /** Default cap of `bytes()`. */
  maxBodyBytes?: number;
  notFound?: NotFoundContext;
  /** The caller's signal, to tell a cancellation from a failure. */
  signal?: AbortSignal;
  /** The request's deadline: aborted means the body took too long (TIMEOUT). */
  timeoutSignal?: AbortSignal;
}

/** Returns the body read whole, at most `maxBytes` (TOO_LARGE past it, the rest discarded). */
async function readCapped(
  body: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
  ctx: ResponseContext,
): Promise<Uint8Array> {
  const { method, url } = ctx;
  const declared = Number(declaredLength);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(body);
    throw tooLarge(maxBytes, method, url.toString());
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        discard(body);
        throw tooLarge(maxBytes, method, url.toString());
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (isAppError(err)) throw err;
    throw mapNetworkError(err, {
      method,
      url,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.timeoutSignal ? { timeoutSignal: ctx.timeoutSignal } : {}),
    });
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function parseJson(data: Uint8Array, status: number, method: string, href: string): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch (err) {
    throw new AppError(
      'INVALID_RESPONSE',
      `The registry sent invalid JSON (${method} ${redactUrl(href)})`,
      { status, method, url: href, cause: err },
    );
  }
}

/** Returns the transport's response object around a raw undici response. */
export function wrapResponse(res: RawResponse, ctx: ResponseContext): TransportResponse {
  const { url, method } = ctx;
  const raw = res.headers;
  const headers: ResponseHeaders = {
    get(name) {
      const v = raw[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
  const body: Readable = res.body;
  const href = url.toString();
  const bytes = (maxBytes = ctx.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> =>
    readCapped(body, headers.get('content-length'), maxBytes, ctx);
  return {
    status: res.statusCode,
    url: href,
    headers,
    body,
    bytes,
    async json(maxBytes) {
      return parseJson(await bytes(maxBytes), res.statusCode, method, href);
    },
    async dump() {
      try {
        await res.body.dump({ limit: 256 * 1024 });
      } catch {
        discard(body);
      }
    },
    async toError() {
      const bodyText = method === 'HEAD' ? '' : await readCappedText(body);
      if (method === 'HEAD') discard(body);
      return errorFromResponse({
        status: res.statusCode,
        bodyText,
        method,
        url: href,
        notFound: ctx.notFound,
      });
    },
  };
}

function tooLarge(maxBytes: number, method: string, url: string): AppError {
  const host = URL.canParse(url) ? `${new URL(url).host} sent ` : '';
  return new AppError('TOO_LARGE', `${host}a response larger than the ${maxBytes}-byte limit`, {
    method,
    url,
  });
}

/** Returns the bytes as a stream of 256 KiB chunks (so large uploads can report activity). */
export function chunked(bytes: Uint8Array): Readable {
  const size = 256 * 1024;
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size)
        yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(size, bytes.length - i));
    })(),
  );
}

/** Returns a stream of the source's data that calls `touch` on every chunk (an inactivity timer). */
export function touching(source: Readable, touch: () => void): Readable {
  const pass = new PassThrough();
  source.on('data', touch);
  source.on('error', (err) => pass.destroy(err));
  pass.on('close', () => {
    if (!source.readableEnded) discard(source);
  });
  source.pipe(pass);
  return pass;
}
