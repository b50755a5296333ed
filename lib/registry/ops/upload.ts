import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { AppError, isAppError } from '@/lib/errors';
import { discard } from '../transport/response-error';
import type { RequestBody, TransportResponse } from '../transport';
import { VerifyingStream } from './blobs';
import {
  checkDigest,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { send } from '../protocol/send';

/** Blob content to upload: bytes, or a factory opening a fresh stream (called again on retry). */
export type BlobSource = Uint8Array | (() => Readable | Promise<Readable>);

export interface UploadOptions extends CallOptions {
  /** Upload in PATCH chunks of this many bytes (only when the blob is larger). Default: monolithic. */
  chunkSize?: number;
  /** Called with the number of bytes sent so far. */
  onProgress?: (bytes: number) => void;
}

/**
 * Returns once the registry holds the blob: POST an upload session, then one PUT (monolithic) or
 * PATCH chunks and a closing PUT. The content is hashed as it is sent (DIGEST_MISMATCH /
 * SIZE_MISMATCH abort the upload) and a failed session is cancelled.
 */
export async function uploadBlob(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  size: number,
  body: BlobSource,
  opts: UploadOptions = {},
): Promise<void> {
  checkDigest(digest);
  const res = await send(ctx, 'startUpload', repo, { signal: opts.signal });
  await res.dump();
  await uploadToSession(ctx, repo, uploadLocation(res), digest, size, body, opts);
}

/** Returns the absolute upload URL of a 202 answer (Location may be relative and carry a query). */
export function uploadLocation(res: TransportResponse): URL {
  const location = res.headers.get('location');
  if (!location)
    throw new AppError('INVALID_RESPONSE', 'The registry opened an upload without a Location', {
      url: res.url,
    });
  return new URL(location, res.url);
}

/** Returns once the content is uploaded to an open session and committed; cancels the session on failure. */
export async function uploadToSession(
  ctx: OperationContext,
  repo: RepositoryRef,
  location: URL,
  digest: string,
  size: number,
  body: BlobSource,
  opts: UploadOptions = {},
): Promise<void> {
  const up: OpenUpload = { ctx, repo, location, digest, size, opts };
  try {
    const chunked = opts.chunkSize !== undefined && opts.chunkSize > 0 && size > opts.chunkSize;
    const res = chunked
      ? await uploadChunks(up, body, opts.chunkSize ?? size)
      : await uploadMonolithic(up, body);
    await res.dump();
    const stored = res.headers.get('docker-content-digest')?.trim();
    if (stored && stored !== digest) {
      throw new AppError(
        'DIGEST_MISMATCH',
        `The registry stored the blob as ${stored}, not ${digest}`,
        { url: res.url },
      );
    }
  } catch (err) {
    await cancelUpload(ctx, repo, location);
    throw err;
  }
}

/** An upload session the registry opened, and the blob going into it. */
interface OpenUpload {
  ctx: OperationContext;
  repo: RepositoryRef;
  location: URL;
  digest: string;
  size: number;
  opts: UploadOptions;
}

async function uploadMonolithic(up: OpenUpload, body: BlobSource): Promise<TransportResponse> {
  const { digest, size, opts } = up;
  const payload =
    body instanceof Uint8Array
      ? checkedBytes(body, digest, size, opts.onProgress)
      : async () => {
          const source = await body();
          const verifier = new VerifyingStream(digest, size, opts.onProgress);
          source.on('error', (err) => verifier.destroy(err));
          return source.pipe(verifier);
        };
  return commitUpload(up, up.location, size, payload);
}

async function uploadChunks(
  up: OpenUpload,
  body: BlobSource,
  chunkSize: number,
): Promise<TransportResponse> {
  const { ctx, repo, digest, size, opts } = up;
  const algorithm = digest.split(':')[0] ?? 'sha256';
  const hash = createHash(algorithm);
  let url = up.location;
  let offset = 0;
  for await (const chunk of chunks(body, chunkSize)) {
    hash.update(chunk);
    const end = offset + chunk.length - 1;
    if (end >= size)
      throw new AppError('SIZE_MISMATCH', `Blob ${digest} is longer than its ${size} bytes`);
    const res = await send(ctx, 'patchUpload', repo, {
      url: url.toString(),
      headers: { 'content-length': String(chunk.length), 'content-range': `${offset}-${end}` },
      body: chunk,
      signal: opts.signal,
      expectedBytes: chunk.length,
    });
    await res.dump();
    url = uploadLocation(res);
    offset = end + 1;
    opts.onProgress?.(offset);
  }
  if (offset !== size)
    throw new AppError('SIZE_MISMATCH', `Blob ${digest} ended after ${offset} of ${size} bytes`);
  const actual = `${algorithm}:${hash.digest('hex')}`;
  if (actual !== digest)
    throw new AppError('DIGEST_MISMATCH', `The blob hashes to ${actual}, not ${digest}`);
  return commitUpload(up, url, 0, undefined);
}

/** The closing PUT `<location>?digest=<digest>`, with the whole body (monolithic) or none (after PATCHes). */
function commitUpload(
  up: OpenUpload,
  location: URL,
  contentLength: number,
  body: RequestBody | undefined,
): Promise<TransportResponse> {
  const url = new URL(location);
  url.searchParams.set('digest', up.digest);
  return send(up.ctx, 'closeUpload', up.repo, {
    url: url.toString(),
    headers: { 'content-length': String(contentLength) },
    body,
    signal: up.opts.signal,
    // The whole body must arrive within a time that grows with its size, however slowly it flows.
    expectedBytes: contentLength,
  });
}

/** Yields the content in pieces of exactly `size` bytes (the last may be shorter). */
async function* chunks(body: BlobSource, size: number): AsyncGenerator<Buffer> {
  if (body instanceof Uint8Array) {
    for (let i = 0; i < body.byteLength; i += size)
      yield Buffer.from(body.buffer, body.byteOffset + i, Math.min(size, body.byteLength - i));
    return;
  }
  const source = await body();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const data of source as AsyncIterable<Buffer>) {
      let chunk = data;
      while (pendingBytes + chunk.length >= size) {
        const take = size - pendingBytes;
        pending.push(chunk.subarray(0, take));
        yield Buffer.concat(pending, size);
        chunk = chunk.subarray(take);
        pending = [];
        pendingBytes = 0;
      }
      if (chunk.length) {
        pending.push(chunk);
        pendingBytes += chunk.length;
      }
    }
  } finally {
    discard(source);
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}

function checkedBytes(
  bytes: Uint8Array,
  digest: string,
  size: number,
  onProgress?: (n: number) => void,
): Uint8Array {
  if (bytes.byteLength !== size) {
    throw new AppError(
      'SIZE_MISMATCH',
      `The blob is ${bytes.byteLength} bytes, not the declared ${size}`,
    );
  }
  const algorithm = digest.split(':')[0] ?? 'sha256';
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
  if (actual !== digest)
    throw new AppError('DIGEST_MISMATCH', `The blob hashes to ${actual}, not ${digest}`);
  onProgress?.(size);
  return bytes;
}

/** Cancels an upload session (best effort: the registry purges stale sessions anyway). */
export async function cancelUpload(
  ctx: OperationContext,
  repo: RepositoryRef,
  location: URL,
): Promise<void> {
  try {
    const res = await send(ctx, 'cancelUpload', repo, { url: location.toString() });
    await res.dump();
  } catch (err) {
    if (!isAppError(err)) throw err;
  }
}
