import pLimit from 'p-limit';

import { isDigest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import { parseManifest, type ParsedManifest } from '../manifest';
import { type Descriptor } from '../descriptor';
import {
  checkDigest,
  checkReference,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { copyBlob, type BlobCopyResult } from './copy-blob';
import { createCopySession, sharedBlobCopy, type CopySession } from './copy-session';
import { putManifest } from './manifests';
import type { ContentCache } from './content-cache';
import { readManifest, isNew } from './copy-read';

export { copyBlob, type BlobCopyResult, type CopyBlobOptions } from './copy-blob';
export { createCopySession, type CopySession } from './copy-session';

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
  /** Blobs copied at once (default 16); ignored with a `session`, which has its own bound. */
  concurrency?: number;
  chunkSize?: number;
  onProgress?: (event: CopyProgressEvent) => void;
  /** Shares blob work with other copies into the same destination (the children of one push). */
  session?: CopySession;
  /**
   * The top manifest as the caller already read it (and whether the destination holds it): the
   * copy starts with its children, one round trip sooner.
   */
  top?: { raw: Uint8Array; mediaType: string; digest: string; present: boolean };
  /** The caller PUTs the top manifest under its tags itself (after its own checks): not by digest. */
  deferTop?: boolean;
  /**
   * Writes wait for it (a check the caller runs alongside the first reads); when it rejects,
   * nothing is written and the copy fails with its error.
   */
  writeGate?: Promise<unknown>;
  /** The destination had no tags when the copy began (repositoryIsNew): see skipsDestinationHeads. */
  destinationNew?: boolean | Promise<boolean>;
  /** Manifests the source repository gave by digest before (an inspect): not fetched again. */
  cache?: ContentCache;
}

export interface CopyManifestResult {
  digest: string;
  mediaType: string;
  size: number;
  tags: string[];
  manifests: { pushed: number; skipped: number };
  /** Blobs this copy moved; a blob another copy of the session moved is not counted twice. */
  blobs: Record<BlobCopyResult, number>;
  /** Bytes streamed from source to destination (mounted and skipped blobs cost nothing). */
  bytesUploaded: number;
  /** The top manifest was not there and is left for the caller to PUT (`deferTop`). */
  topDeferred?: true;
}

interface CopiedManifest {
  digest: string;
  mediaType: string;
  raw: Uint8Array;
}

/** One copyManifest call: where from and to, its cancellation, its counts and its work in flight. */
export interface CopyRun {
  ctx: OperationContext;
  src: RepositoryRef;
  dst: RepositoryRef;
  opts: CopyManifestOptions;
  signal: AbortSignal;
  session: CopySession;
  result: CopyManifestResult;
  blobJobs: Map<string, Promise<void>>;
  manifestJobs: Map<string, Promise<CopiedManifest>>;
  fetchLimit: ReturnType<typeof pLimit>;
}

const emit = (run: CopyRun, event: CopyProgressEvent) => run.opts.onProgress?.(event);

/** Copies one blob (once per run; once per session and destination when shared) and reports it. */
function blob(run: CopyRun, d: Descriptor): Promise<void> {
  let job = run.blobJobs.get(d.digest);
  if (job) return job;
  const base = { kind: 'blob', digest: d.digest, size: d.size, mediaType: d.mediaType } as const;
  const { ctx, src, dst, signal, opts } = run;
  job = (async () => {
    emit(run, { ...base, status: 'started' });
    const { done, owner } = sharedBlobCopy(
      run.session,
      dst,
      d.digest,
      async (progress) =>
        copyBlob(ctx, src, dst, d, {
          signal,
          ...(opts.chunkSize !== undefined ? { chunkSize: opts.chunkSize } : {}),
          knownAbsent: await isNew(run),
          onProgress: progress,
        }),
      (bytes) => emit(run, { ...base, status: 'progress', bytes }),
    );
    const how = await done;
    if (owner) {
      run.result.blobs[how]++;
      if (how === 'uploaded') run.result.bytesUploaded += d.size;
    }
    emit(run, { ...base, status: how });
  })();
  run.blobJobs.set(d.digest, job);
  return job;
}

function child(run: CopyRun, d: Descriptor): Promise<CopiedManifest> {
  let job = run.manifestJobs.get(d.digest);
  if (!job) {
    job = copyTree(run, d.digest, d.size);
    run.manifestJobs.set(d.digest, job);
  }
  return job;
}

async function copyTree(
  run: CopyRun,
  reference: string,
  expectedSize?: number,
  isTop = false,
): Promise<CopiedManifest> {
  // The destination is asked at the same time as the source (by digest when we know it): one
  // round trip, not two, before the children start.
  const got = await readManifest(run, reference, expectedSize, isTop);
  const parsed = parseKnown(got.raw, got.contentType);
  const mediaType = parsed?.mediaType ?? got.mediaType;
  if (!mediaType) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Manifest ${got.digest} has no media type; it cannot be copied`,
    );
  }
  const copied = { digest: got.digest, mediaType, raw: got.raw };
  const event = {
    kind: 'manifest',
    digest: got.digest,
    size: got.raw.byteLength,
    mediaType,
  } as const;
  if (got.present) {
    // A registry only stores a manifest whose references it holds: the whole tree is there.
    run.result.manifests.skipped++;
    emit(run, { ...event, status: 'skipped' });
    return copied;
  }
  await run.opts.writeGate;
  if (parsed?.kind === 'image')
    await Promise.all([parsed.config, ...parsed.layers].map((d) => blob(run, d)));
  else if (parsed?.kind === 'index') await Promise.all(parsed.manifests.map((d) => child(run, d)));
  if (isTop && run.opts.deferTop) {
    run.result.topDeferred = true;
    return copied;
  }
  await putManifest(run.ctx, run.dst, got.digest, got.raw, mediaType, { signal: run.signal });
  run.result.manifests.pushed++;
  emit(run, { ...event, status: 'pushed' });
  return copied;
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
  const run: CopyRun = {
    ctx,
    src,
    dst,
    opts,
    signal,
    session: opts.session ?? createCopySession(opts.concurrency),
    result: {
      ...{ digest: '', mediaType: '', size: 0, tags, bytesUploaded: 0 },
      manifests: { pushed: 0, skipped: 0 },
      blobs: { skipped: 0, mounted: 0, uploaded: 0, foreign: 0 },
    },
    blobJobs: new Map(),
    manifestJobs: new Map(),
    fetchLimit: pLimit(16),
  };
  try {
    const size = typeof ref === 'string' ? undefined : ref.size;
    const top = await copyTree(run, reference, size, true);
    await tagTop(run, top, tags);
    return {
      ...run.result,
      digest: top.digest,
      mediaType: top.mediaType,
      size: top.raw.byteLength,
    };
  } catch (err) {
    stop.abort();
    // Let the work still running settle before reporting, so nothing writes after we return.
    await Promise.allSettled([...run.blobJobs.values(), ...run.manifestJobs.values()]);
    throw err;
  }
}

async function tagTop(run: CopyRun, top: CopiedManifest, tags: readonly string[]): Promise<void> {
  for (const tag of tags) {
    await putManifest(run.ctx, run.dst, tag, top.raw, top.mediaType, { signal: run.signal });
    emit(run, {
      kind: 'tag',
      digest: top.digest,
      size: top.raw.byteLength,
      status: 'tagged',
      tag,
      mediaType: top.mediaType,
    });
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
