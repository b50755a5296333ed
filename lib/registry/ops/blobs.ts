import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

import { verifyDigest } from '../hash';
import { AppError, isAppError } from '@/lib/errors';
import { MAX_CONFIG_BYTES } from '../image-config';
import { discard } from '../transport/response-error';
import type { TransportResponse } from '../transport';
import {
  checkDigest,
  rereadOnBrokenBody,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { send } from '../protocol/send';

export interface GetBlobOptions extends CallOptions {
  /** Refuse bodies larger than this (TOO_LARGE). Default MAX_CONFIG_BYTES (8 MiB). */
  maxBytes?: number;
  /** Size from the descriptor (SIZE_MISMATCH when different). */
  expectedSize?: number;
}

export interface OpenBlobOptions extends CallOptions {
  /** Size from the descriptor; checked against Content-Length and the bytes streamed. */
  expectedSize?: number;
}

export interface OpenedBlob {
  /** The blob's bytes; errors with DIGEST_MISMATCH / SIZE_MISMATCH at the end when they are wrong. */
  stream: Readable;
  size: number;
}

/** Returns the blob's size when the repository has it, undefined on 404. */
export async function headBlob(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: CallOptions = {},
): Promise<{ size: number } | undefined> {
  checkDigest(digest);
  const res = await send(ctx, 'headBlob', repo, { params: { digest }, signal: opts.signal });
  await res.dump();
  if (res.status === 404) return undefined;
  const size = Number(res.headers.get('content-length'));
  return { size: Number.isFinite(size) ? size : -1 };
}

/**
 * Returns a small blob (an image config) as bytes, verified against its digest and expected size.
 * Throws BLOB_UNKNOWN, TOO_LARGE, SIZE_MISMATCH or DIGEST_MISMATCH.
 */
export async function getBlobBytes(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: GetBlobOptions = {},
): Promise<Uint8Array> {
  checkDigest(digest);
  const maxBytes = opts.maxBytes ?? MAX_CONFIG_BYTES;
  if (opts.expectedSize !== undefined && opts.expectedSize > maxBytes) {
    throw new AppError(
      'TOO_LARGE',
      `The blob is ${opts.expectedSize} bytes, more than the ${maxBytes}-byte limit`,
    );
  }
  const open = () => requestBlob(ctx, repo, digest, opts, maxBytes);
  return rereadOnBrokenBody(open, async (res) => {
    const bytes = await res.bytes(maxBytes);
    if (opts.expectedSize !== undefined && bytes.byteLength !== opts.expectedSize) {
      throw new AppError(
        'SIZE_MISMATCH',
        `The blob ${digest} from ${repo.registry} is ${bytes.byteLength} bytes, its descriptor says ${opts.expectedSize}`,
      );
    }
    verifyDigest(bytes, digest, `blob ${digest} from ${repo.registry}`);
    return bytes;
  });
}

/**
 * Returns a stream of the blob (following redirects to object storage) that verifies digest and
 * size as it flows. Throws BLOB_UNKNOWN on 404.
 */
export async function openBlob(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: OpenBlobOptions = {},
): Promise<OpenedBlob> {
  checkDigest(digest);
  const res = await requestBlob(ctx, repo, digest, opts);
  const declared = Number(res.headers.get('content-length'));
  const size = opts.expectedSize ?? (Number.isFinite(declared) ? declared : -1);
  if (
    opts.expectedSize !== undefined &&
    Number.isFinite(declared) &&
    res.headers.get('content-length') !== undefined &&
    declared !== opts.expectedSize
  ) {
    discard(res.body);
    throw new AppError(
      'SIZE_MISMATCH',
      `The registry serves ${digest} with ${declared} bytes, its descriptor says ${opts.expectedSize}`,
    );
  }
  const verifier = new VerifyingStream(digest, size >= 0 ? size : undefined);
  res.body.on('error', (err) => verifier.destroy(streamError(err, digest)));
  verifier.on('close', () => {
    if (!res.body.readableEnded) discard(res.body);
  });
  res.body.pipe(verifier);
  return { stream: verifier, size };
}

/** GET of `blobs/<digest>` expecting 200 (BLOB_UNKNOWN on 404), the body capped when `maxBodyBytes` is set. */
function requestBlob(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: CallOptions & { expectedSize?: number },
  maxBodyBytes?: number,
): Promise<TransportResponse> {
  return send(ctx, 'getBlob', repo, {
    params: { digest },
    maxBodyBytes,
    signal: opts.signal,
    // A layer may be large: its deadline grows with the size it is expected to have.
    ...(opts.expectedSize !== undefined ? { expectedBytes: opts.expectedSize } : {}),
  });
}

/** A pass-through that hashes what flows and fails at the end on a wrong digest or size. */
export class VerifyingStream extends Transform {
  private readonly hash;
  private bytes = 0;

  constructor(
    private readonly digest: string,
    private readonly size: number | undefined,
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super();
    const algorithm = digest.split(':')[0] ?? 'sha256';
    if (algorithm !== 'sha256' && algorithm !== 'sha512')
      throw new AppError('UNSUPPORTED', `Digest algorithm ${algorithm} is not supported`);
    this.hash = createHash(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.size !== undefined && this.bytes > this.size) {
      callback(
        new AppError('SIZE_MISMATCH', `Blob ${this.digest} is longer than its ${this.size} bytes`),
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.bytes);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size !== undefined && this.bytes !== this.size) {
      callback(
        new AppError(
          'SIZE_MISMATCH',
          `Blob ${this.digest} ended after ${this.bytes} of ${this.size} bytes`,
        ),
      );
      return;
    }
    const actual = `${this.digest.split(':')[0]}:${this.hash.digest('hex')}`;
    if (actual !== this.digest) {
      callback(
        new AppError(
          'DIGEST_MISMATCH',
          `The blob received hashes to ${actual}, not ${this.digest}`,
        ),
      );
      return;
    }
    callback();
  }
}

function streamError(err: unknown, digest: string): AppError {
  if (isAppError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new AppError('TIMEOUT', `Reading blob ${digest} stalled`, {
      retryable: true,
      cause: err,
    });
  }
  if (code === 'UND_ERR_ABORTED' || (err as { name?: unknown } | null)?.name === 'AbortError') {
    return new AppError('ABORTED', `Reading blob ${digest} was cancelled`, { cause: err });
  }
  return new AppError('NETWORK', `Reading blob ${digest} failed`, {
    retryable: true,
    cause: err,
  });
}
