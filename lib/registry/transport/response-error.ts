import type { Readable } from 'node:stream';

import {
  AppError,
  isAppError,
  toRegistryCode,
  type ErrorCode,
  type RegistryErrorDetail,
} from '@/lib/errors';

/** Error bodies are read up to this many bytes; anything beyond is discarded. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What a 404 means for the request that got it (decides the code when the body names none). */
export type NotFoundContext = 'manifest' | 'blob' | 'repository' | 'upload' | 'generic';

/** Destroys a stream we stop reading, so its late 'error' (undici: AbortError) has a listener. */
export function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  if (!stream.destroyed) stream.destroy();
}

/** Returns up to `cap` bytes of the body as UTF-8 text and destroys the rest of the stream. */
export async function readCappedText(body: Readable, cap = MAX_ERROR_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer | string>) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const room = cap - total;
      chunks.push(buf.length > room ? buf.subarray(0, room) : buf);
      total += Math.min(buf.length, room);
      if (total >= cap) break;
    }
  } catch {
    // A broken error body must not hide the status that came with it.
  } finally {
    discard(body);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Returns the `errors[]` of an OCI error body, or [] when the text is not one. */
export function parseErrorBody(text: string): RegistryErrorDetail[] {
  if (!text.trim().startsWith('{')) return [];
  try {
    const json = JSON.parse(text) as unknown;
    const errors = (json as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return [];
    return errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
        ...(typeof e.message === 'string' ? { message: e.message } : {}),
        ...(e.detail !== undefined ? { detail: e.detail } : {}),
      }));
  } catch {
    return [];
  }
}

const NOT_FOUND_CODES: Record<NotFoundContext, ErrorCode> = {
  manifest: 'MANIFEST_UNKNOWN',
  blob: 'BLOB_UNKNOWN',
  repository: 'NAME_UNKNOWN',
  upload: 'BLOB_UPLOAD_UNKNOWN',
  generic: 'NOT_FOUND',
};

/** Returns the code a status means when the registry's body names none we know. */
export function codeForStatus(status: number, notFound: NotFoundContext = 'generic'): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'DENIED';
  if (status === 404) return NOT_FOUND_CODES[notFound];
  if (status === 405) return 'UNSUPPORTED';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'TOO_LARGE';
  if (status === 416) return 'BLOB_UPLOAD_INVALID';
  if (status === 429) return 'TOOMANYREQUESTS';
  if (status >= 500) return 'SERVER_ERROR';
  return 'UNKNOWN';
}

/** Returns true for statuses worth retrying (rate limits and server errors). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * Returns the delay in ms a `Retry-After` header asks for (seconds or an HTTP date), capped at
 * `capMs`; undefined when absent or unparseable.
 */
export function parseRetryAfter(
  value: string | undefined,
  capMs: number,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.max(0, Math.min(ms, capMs));
}

export interface ErrorResponseInfo {
  status: number;
  bodyText: string;
  method: string;
  url: string;
  notFound?: NotFoundContext;
}

/** Returns the AppError for a failed response: the body's OCI code wins, else the status. */
export function errorFromResponse(info: ErrorResponseInfo): AppError {
  const errors = parseErrorBody(info.bodyText);
  const bodyCode = errors.length > 0 ? toRegistryCode(errors[0]?.code) : 'UNKNOWN';
  const code = bodyCode !== 'UNKNOWN' ? bodyCode : codeForStatus(info.status, info.notFound);
  const detail = errors
    .map((e) => e.message ?? e.code)
    .filter(Boolean)
    .join('; ');
  const plain = errors.length === 0 ? plainText(info.bodyText) : '';
  const what = detail || plain;
  return new AppError(
    code,
    `The registry answered ${info.status} ${code}${what ? `: ${what}` : ''} (${info.method} ${pathOf(info.url)})`,
    {
      status: info.status,
      errors,
      retryable: isRetryableStatus(info.status),
      method: info.method,
      url: info.url,
    },
  );
}

/** Returns an error body as one short line: an HTML page (a proxy's or load balancer's) as its title. */
function plainText(body: string): string {
  const text = body.trim();
  if (!/^<|<html|<body/i.test(text)) return text.slice(0, 200);
  const title =
    /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
  const line = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return `${line.slice(0, 200)} (an HTML page, not a registry answer)`;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export interface NetworkErrorContext {
  method: string;
  url: URL;
  /** The caller's signal: aborted means cancelled (ABORTED), not failed. */
  signal?: AbortSignal;
  /** The transport's own timeout signal: aborted means TIMEOUT. */
  timeoutSignal?: AbortSignal;
}

/**
 * Returns the AppError for a failed exchange: ABORTED (caller cancelled), TIMEOUT, NETWORK
 * (retryable, except TLS verification failures, which say how to fix them).
 */
export function mapNetworkError(err: unknown, ctx: NetworkErrorContext): AppError {
  const { method, url, timeoutSignal } = ctx;
  if (isAppError(err)) return err;
  const where = { method, url: url.toString(), cause: err };
  if (ctx.signal?.aborted) return new AppError('ABORTED', 'The request was cancelled', where);
  if (timeoutSignal?.aborted) {
    // The deadline's own sentence says how long was allowed, and to whom.
    const reason: unknown = timeoutSignal.reason;
    const message = isAppError(reason) ? reason.message : `${url.host} did not answer in time`;
    return new AppError('TIMEOUT', message, { ...where, retryable: true });
  }
  const code = errorCode(err);
  if (
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new AppError('TIMEOUT', `${url.host} did not answer in time`, {
      ...where,
      retryable: true,
    });
  }
  if (code && TLS_CODES.has(code)) {
    return new AppError(
      'NETWORK',
      `TLS connection to ${url.host} failed (${code}): configure its CA certificate, mark it insecure, or use the right scheme`,
      { ...where, retryable: false },
    );
  }
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new AppError('NETWORK', `Could not reach ${url.host} (${detail})`, {
    ...where,
    retryable: true,
  });
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR' && code !== 'UND_ERR_SOCKET') return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (err as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : undefined;
}
