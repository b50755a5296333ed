import pLimit from 'p-limit';

import { isDigest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import { parseManifest, type ParsedManifest } from '../manifest';
import { type Descriptor } from '../descriptor';
import { MediaType } from '../media-types';
import { headBlob, openBlob } from './blobs';
import {
  checkDigest,
  checkReference,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { getManifestRaw, headManifest, putManifest } from './manifests';
import { mountBlob } from './mount';
import { uploadBlob } from './upload';

/** How a blob reached the destination. 'foreign': a non-distributable layer the source does not hold either. */
export type BlobCopyResult = 'skipped' | 'mounted' | 'uploaded' | 'foreign';

export interface CopyBlobOptions extends CallOptions {
  /** Called with the bytes sent so far when the blob is streamed. */
  onProgress?: (bytes: number) => void;
  /** Chunk size for PATCH uploads; default monolithic. */
  chunkSize?: number;
}

const FOREIGN_LAYER_TYPES = new Set<string>([
  MediaType.DockerForeignLayer,
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
]);

/**
 * Returns how the blob reached `dst`: already there (HEAD), mounted from the source repository on
 * the same registry, or streamed from the source (hashed on the fly, never buffered whole). The
 * HEAD is not only a saving: mounting a blob the repository already holds rewrites its link, and
 * distribution can then answer a concurrent manifest PUT with "blob unknown".
 */
export async function copyBlob(
  ctx: OperationContext,
  src: RepositoryRef,
  dst: RepositoryRef,
  descriptor: Pick<Descriptor, 'digest' | 'size'> & { mediaType?: string },
  opts: CopyBlobOptions = {},
): Promise<BlobCopyResult> {
  const digest = checkDigest(descriptor.digest);
  const { size } = descriptor;
  if (await headBlob(ctx, dst, digest, opts)) return 'skipped';
  if (
    descriptor.mediaType &&
    FOREIGN_LAYER_TYPES.has(descriptor.mediaType) &&
    !(await headBlob(ctx, src, digest, opts))
  ) {
    return 'foreign';
  }
  const open = async () =>
    (await openBlob(ctx, src, digest, { signal: opts.signal, expectedSize: size })).stream;
  if (src.registry === dst.registry) {
    const result = await mountBlob(ctx, dst, digest, src.repository, {
      ...opts,
      source: { size, body: open },
    });
    return result === 'mounted' ? 'mounted' : 'uploaded';
  }
  await uploadBlob(ctx, dst, digest, size, open, opts);
  return 'uploaded';
}

export interface CopyProgressEvent {
  kind: 'blob' | 'manifest' | 'tag';
  digest: string;
  size: number;
  status: 'started' | 'progress' | BlobCopyResult | 'pushed' | 'tagged';
  /** Blob bytes sent so far (status 'progress'). */
  bytes?: number;
  mediaType?: string;
  tag?: string;
}

export interface CopyManifestOptions extends CallOptions {
  /** Destination tags for the top manifest. Default: the source tag when `ref` is a tag, else none (by digest). */
  tags?: readonly string[];
  /** Blobs copied at once (default 8). */
  concurrency?: number;
  chunkSize?: number;
  onProgress?: (event: CopyProgressEvent) => void;
}

export interface CopyManifestResult {
  digest: string;
  mediaType: string;
  size: number;
  tags: string[];
  manifests: { pushed: number; skipped: number };
  blobs: Record<BlobCopyResult, number>;
  /** Bytes streamed from source to destination (mounted and skipped blobs cost nothing). */
  bytesUploaded: number;
}

interface CopiedManifest {
  digest: string;
  mediaType: string;
  raw: Uint8Array;
}

/**
 * Returns what was copied: a manifest with everything under it (config and layers of an image;
 * children of an index, recursively, before the index) from `src` to `dst`, byte for byte so every
 * digest stays the same; then the top manifest is PUT under each destination tag. Throws the first
 * error and stops the remaining work.
 */
export async function copyManifest(
  ctx: OperationContext,
  src: RepositoryRef,
  dst: RepositoryRef,
  ref: string | (Pick<Descriptor, 'digest' | 'size'> & { mediaType?: string }),
  opts: CopyManifestOptions = {},
): Promise<CopyManifestResult> {
  const reference = typeof ref === 'string' ? checkReference(ref) : checkDigest(ref.digest);
  const tags = [
    ...(opts.tags ?? (typeof ref === 'string' && !isDigest(reference) ? [reference] : [])),
  ];
  tags.forEach(checkReference);
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  // Enough for every blob of a usual list in one wave; the transport bounds connections per registry.
  const blobLimit = pLimit(opts.concurrency ?? 8);
  const fetchLimit = pLimit(8);
  const blobJobs = new Map<string, Promise<void>>();
  const manifestJobs = new Map<string, Promise<CopiedManifest>>();
  const result: CopyManifestResult = {
    digest: '',
    mediaType: '',
    size: 0,
    tags,
    manifests: { pushed: 0, skipped: 0 },
    blobs: { skipped: 0, mounted: 0, uploaded: 0, foreign: 0 },
    bytesUploaded: 0,
  };
  const emit = (event: CopyProgressEvent) => opts.onProgress?.(event);

  function blob(d: Descriptor): Promise<void> {
    let job = blobJobs.get(d.digest);
    if (!job) {
      job = blobLimit(async () => {
        emit({
          kind: 'blob',
          digest: d.digest,
          size: d.size,
          status: 'started',
          mediaType: d.mediaType,
        });
        const how = await copyBlob(ctx, src, dst, d, {
          signal,
          ...(opts.chunkSize !== undefined ? { chunkSize: opts.chunkSize } : {}),
          onProgress: (bytes) =>
            emit({ kind: 'blob', digest: d.digest, size: d.size, status: 'progress', bytes }),
        });
        result.blobs[how]++;
        if (how === 'uploaded') result.bytesUploaded += d.size;
        emit({ kind: 'blob', digest: d.digest, size: d.size, status: how, mediaType: d.mediaType });
      });
      blobJobs.set(d.digest, job);
    }
    return job;
  }

  function child(d: Descriptor): Promise<CopiedManifest> {
    let job = manifestJobs.get(d.digest);
    if (!job) {
      job = copyTree(d.digest, d.size);
      manifestJobs.set(d.digest, job);
    }
    return job;
  }

  async function copyTree(reference: string, expectedSize?: number): Promise<CopiedManifest> {
    // The destination is asked at the same time as the source (by digest when we know it): one
    // round trip, not two, before the children start.
    const [got, presentByDigest] = await fetchLimit(() =>
      Promise.all([
        getManifestRaw(ctx, src, reference, {
          signal,
          ...(expectedSize !== undefined ? { expectedSize } : {}),
        }),
        isDigest(reference) ? headManifest(ctx, dst, reference, { signal }) : undefined,
      ]),
    );
    const parsed = parseKnown(got.raw, got.headers.contentType);
    const mediaType = parsed?.mediaType ?? got.mediaType;
    if (!mediaType) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Manifest ${got.digest} has no media type; it cannot be copied`,
      );
    }
    const copied = { digest: got.digest, mediaType, raw: got.raw };
    const present = isDigest(reference)
      ? presentByDigest
      : await headManifest(ctx, dst, got.digest, { signal });
    if (present) {
      // A registry only stores a manifest whose references it holds: the whole tree is there.
      result.manifests.skipped++;
      emit({
        kind: 'manifest',
        digest: got.digest,
        size: got.raw.byteLength,
        status: 'skipped',
        mediaType,
      });
      return copied;
    }
    if (parsed?.kind === 'image')
      await Promise.all([parsed.config, ...parsed.layers].map((d) => blob(d)));
    else if (parsed?.kind === 'index') await Promise.all(parsed.manifests.map((d) => child(d)));
    await putManifest(ctx, dst, got.digest, got.raw, mediaType, { signal });
    result.manifests.pushed++;
    emit({
      kind: 'manifest',
      digest: got.digest,
      size: got.raw.byteLength,
      status: 'pushed',
      mediaType,
    });
    return copied;
  }

  try {
    const top = await copyTree(reference, typeof ref === 'string' ? undefined : ref.size);
    for (const tag of tags) {
      await putManifest(ctx, dst, tag, top.raw, top.mediaType, { signal });
      emit({
        kind: 'tag',
        digest: top.digest,
        size: top.raw.byteLength,
        status: 'tagged',
        tag,
        mediaType: top.mediaType,
      });
    }
    return { ...result, digest: top.digest, mediaType: top.mediaType, size: top.raw.byteLength };
  } catch (err) {
    stop.abort();
    // Let the work still running settle before reporting, so nothing writes after we return.
    await Promise.allSettled([...blobJobs.values(), ...manifestJobs.values()]);
    throw err;
  }
}

/** Returns the parsed manifest, or undefined for media types we do not understand (copied as opaque bytes). */
function parseKnown(raw: Uint8Array, contentType: string | undefined): ParsedManifest | undefined {
  try {
    return parseManifest(raw, { contentType });
  } catch (err) {
    if (isAppError(err) && err.code === 'UNSUPPORTED_MEDIA_TYPE') return undefined;
    throw err;
  }
}
