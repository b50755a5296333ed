import {
  checkDigest,
  pullScope,
  pushScope,
  repoPath,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import {
  cancelUpload,
  uploadLocation,
  uploadToSession,
  type BlobSource,
  type UploadOptions,
} from './upload';

/** 'mounted': linked from the other repository; 'uploaded': the registry declined and we uploaded; 'not-mounted': declined, session cancelled. */
export type MountResult = 'mounted' | 'uploaded' | 'not-mounted';

export interface MountOptions extends UploadOptions {
  /** Content to upload into the session when the registry declines the mount (202). */
  source?: { size: number; body: BlobSource };
}

/**
 * Returns how the blob got into `dst`: a cross-repository mount from `fromRepository` on the same
 * registry (201), or, when the registry opens an upload session instead (202), an upload from
 * `opts.source` into that session (never a second POST), or the session cancelled without one.
 */
export async function mountBlob(
  ctx: OperationContext,
  dst: RepositoryRef,
  digest: string,
  fromRepository: string,
  opts: MountOptions = {},
): Promise<MountResult> {
  checkDigest(digest);
  const from = { registry: dst.registry, repository: fromRepository };
  const path = `${repoPath(dst, 'blobs/uploads/')}?${new URLSearchParams({ mount: digest, from: fromRepository }).toString()}`;
  repoPath(from, '');
  const res = await ctx.auth.request({
    registry: dst.registry,
    repository: dst.repository,
    method: 'POST',
    path,
    headers: { 'content-length': '0' },
    scopes: [pushScope(dst), pullScope(from)],
    idempotent: true,
    signal: opts.signal,
    expectStatus: [201, 202],
    notFound: 'repository',
  });
  await res.dump();
  if (res.status === 201) return 'mounted';
  const location = uploadLocation(res);
  if (!opts.source) {
    await cancelUpload(ctx, dst, location);
    return 'not-mounted';
  }
  await uploadToSession(ctx, dst, location, digest, opts.source.size, opts.source.body, opts);
  return 'uploaded';
}
