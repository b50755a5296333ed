import { digestOf } from '../hash';
import { isDigest } from '../digest';
import { AppError } from '@/lib/errors';
import { MAX_MANIFEST_BYTES, parseManifest, type ParsedManifest } from '../manifest';
import { baseMediaType } from '../media-types';
import {
  checkReference,
  rereadOnBrokenBody,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { send } from '../protocol/send';

export { deleteManifest, deleteTag } from './manifest-delete';

export interface ManifestHead {
  digest: string;
  mediaType?: string;
  size?: number;
}

export interface ManifestHeaders {
  contentType?: string;
  dockerContentDigest?: string;
  contentLength?: number;
  etag?: string;
}

export interface FetchedManifest {
  parsed: ParsedManifest;
  headers: ManifestHeaders;
}

export interface GetManifestOptions extends CallOptions {
  /** Size from the descriptor that pointed here (SIZE_MISMATCH when different). */
  expectedSize?: number;
}

/** Raw manifest bytes as received, verified against a digest reference and Docker-Content-Digest. */
export interface RawManifest {
  raw: Uint8Array;
  digest: string;
  mediaType?: string;
  headers: ManifestHeaders;
}

/**
 * Returns the digest, media type and size of a manifest without its body, or undefined on 404.
 * Falls back to GET and hashing when the registry omits Docker-Content-Digest.
 */
export async function headManifest(
  ctx: OperationContext,
  repo: RepositoryRef,
  reference: string,
  opts: CallOptions = {},
): Promise<ManifestHead | undefined> {
  checkReference(reference);
  const res = await send(ctx, 'headManifest', repo, { params: { reference }, signal: opts.signal });
  await res.dump();
  if (res.status === 404) return undefined;
  const headerDigest = res.headers.get('docker-content-digest')?.trim();
  const mediaType = baseMediaType(res.headers.get('content-type'));
  const length = Number(res.headers.get('content-length'));
  if (headerDigest && isDigest(headerDigest)) {
    if (
      isDigest(reference) &&
      headerDigest !== reference &&
      headerDigest.split(':')[0] === reference.split(':')[0]
    ) {
      throw new AppError(
        'DIGEST_MISMATCH',
        `The registry says ${reference} has digest ${headerDigest}`,
        {
          method: 'HEAD',
          url: res.url,
        },
      );
    }
    return {
      digest: headerDigest,
      ...(mediaType ? { mediaType } : {}),
      ...(Number.isFinite(length) ? { size: length } : {}),
    };
  }
  // ECR, Nexus and S3-backed registries may leave the header out: hash the body instead.
  const raw = await getManifestRaw(ctx, repo, reference, opts);
  return {
    digest: raw.digest,
    ...(raw.mediaType ? { mediaType: raw.mediaType } : {}),
    size: raw.raw.byteLength,
  };
}

/**
 * Returns the manifest bytes exactly as received (at most MAX_MANIFEST_BYTES, else TOO_LARGE),
 * without parsing them. Throws MANIFEST_UNKNOWN on 404 and DIGEST_MISMATCH when the bytes do not
 * hash to a digest reference or to the registry's Docker-Content-Digest.
 */
export async function getManifestRaw(
  ctx: OperationContext,
  repo: RepositoryRef,
  reference: string,
  opts: GetManifestOptions = {},
): Promise<RawManifest> {
  checkReference(reference);
  const open = () => send(ctx, 'getManifest', repo, { params: { reference }, signal: opts.signal });
  return rereadOnBrokenBody(open, async (res) => {
    const raw = await res.bytes(MAX_MANIFEST_BYTES);
    const headers = manifestHeaders(res.headers);
    if (opts.expectedSize !== undefined && raw.byteLength !== opts.expectedSize) {
      throw new AppError(
        'SIZE_MISMATCH',
        `The manifest ${repo.registry} sent is ${raw.byteLength} bytes, its descriptor says ${opts.expectedSize}`,
      );
    }
    const algorithm = referenceAlgorithm(reference);
    const digest = digestOf(raw, algorithm);
    for (const expected of [
      isDigest(reference) ? reference : undefined,
      headers.dockerContentDigest,
    ]) {
      if (
        expected &&
        isDigest(expected) &&
        expected.startsWith(`${algorithm}:`) &&
        expected !== digest
      ) {
        throw new AppError(
          'DIGEST_MISMATCH',
          `The manifest ${repo.registry} sent hashes to ${digest}, not ${expected}`,
          {
            method: 'GET',
            url: res.url,
          },
        );
      }
    }
    const mediaType = baseMediaType(headers.contentType);
    return { raw, digest, ...(mediaType ? { mediaType } : {}), headers };
  });
}

/**
 * Returns the parsed manifest (raw bytes kept) and the response headers. Throws MANIFEST_UNKNOWN,
 * TOO_LARGE, DIGEST_MISMATCH, SIZE_MISMATCH, and parseManifest's errors (MANIFEST_INVALID,
 * SCHEMA1_UNSUPPORTED, UNSUPPORTED_MEDIA_TYPE).
 */
export async function getManifest(
  ctx: OperationContext,
  repo: RepositoryRef,
  reference: string,
  opts: GetManifestOptions = {},
): Promise<FetchedManifest> {
  const got = await getManifestRaw(ctx, repo, reference, opts);
  const parsed = parseManifest(got.raw, {
    contentType: got.headers.contentType,
    ...(isDigest(reference) ? { expectedDigest: reference } : {}),
    headerDigest: got.headers.dockerContentDigest,
    ...(opts.expectedSize !== undefined ? { expectedSize: opts.expectedSize } : {}),
  });
  return { parsed, headers: got.headers };
}

/**
 * Returns the digest of the stored manifest after PUTting the exact bytes under a tag or digest.
 * Throws TOO_LARGE (> 4 MiB), INVALID_ARGUMENT (`mediaType` is not the body's mediaType),
 * DIGEST_MISMATCH (digest reference or registry answer disagree with the bytes), and the
 * registry's errors (MANIFEST_INVALID, MANIFEST_BLOB_UNKNOWN, DENIED, ...).
 */
export async function putManifest(
  ctx: OperationContext,
  repo: RepositoryRef,
  reference: string,
  bytes: Uint8Array,
  mediaType: string,
  opts: CallOptions = {},
): Promise<{ digest: string }> {
  checkReference(reference);
  if (bytes.byteLength > MAX_MANIFEST_BYTES) {
    throw new AppError(
      'TOO_LARGE',
      `The manifest is ${bytes.byteLength} bytes; registries refuse more than 4 MiB`,
    );
  }
  const declared = bodyMediaType(bytes);
  if (declared !== undefined && declared !== mediaType) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The manifest says its mediaType is ${declared}, but it was to be sent as ${mediaType}; the Content-Type must be the body's mediaType`,
    );
  }
  const algorithm = referenceAlgorithm(reference);
  const digest = digestOf(bytes, algorithm);
  if (isDigest(reference) && reference !== digest) {
    throw new AppError('DIGEST_MISMATCH', `The manifest hashes to ${digest}, not ${reference}`);
  }
  const res = await send(ctx, 'putManifest', repo, {
    params: { reference },
    headers: { 'content-type': mediaType },
    body: bytes,
    signal: opts.signal,
  });
  await res.dump();
  const stored = res.headers.get('docker-content-digest')?.trim();
  if (stored && isDigest(stored) && stored.startsWith(`${algorithm}:`) && stored !== digest) {
    throw new AppError(
      'DIGEST_MISMATCH',
      `The registry stored the manifest as ${stored}, not ${digest}`,
      {
        method: 'PUT',
        url: res.url,
      },
    );
  }
  return { digest };
}

/** The hash algorithm of a digest reference; sha256 for a tag. */
function referenceAlgorithm(reference: string): string {
  return isDigest(reference) ? (reference.split(':')[0] ?? 'sha256') : 'sha256';
}

function manifestHeaders(headers: { get(name: string): string | undefined }): ManifestHeaders {
  const contentType = headers.get('content-type');
  const dockerContentDigest = headers.get('docker-content-digest')?.trim();
  const contentLength = Number(headers.get('content-length'));
  const etag = headers.get('etag');
  return {
    ...(contentType ? { contentType } : {}),
    ...(dockerContentDigest ? { dockerContentDigest } : {}),
    ...(headers.get('content-length') !== undefined && Number.isFinite(contentLength)
      ? { contentLength }
      : {}),
    ...(etag ? { etag } : {}),
  };
}

/** Returns the `mediaType` field of a JSON manifest body, undefined when it has none or is not JSON. */
function bodyMediaType(bytes: Uint8Array): string | undefined {
  try {
    const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const value =
      typeof body === 'object' && body !== null
        ? (body as { mediaType?: unknown }).mediaType
        : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
