import { checkDigest, type OperationContext, type RepositoryRef } from '../protocol/context';
import { send } from '../protocol/send';
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
  const params = { mount: digest, from: fromRepository };
  const res = await send(ctx, 'mountBlob', dst, { params, signal: opts.signal });
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
