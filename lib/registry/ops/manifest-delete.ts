import { isDigest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import {
  checkDigest,
  checkReference,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { send } from '../protocol/send';

/**
 * Returns once the manifest (and every tag pointing at it) is deleted. Children of a list are never
 * deleted. Throws DELETE_DISABLED when the registry has deletes turned off, MANIFEST_UNKNOWN on 404.
 */
export async function deleteManifest(
  ctx: OperationContext,
  repo: RepositoryRef,
  digest: string,
  opts: CallOptions = {},
): Promise<void> {
  checkDigest(digest);
  try {
    await sendDelete(ctx, repo, digest, opts);
  } catch (err) {
    throw deleteError(err, repo);
  }
}

/**
 * Returns once the tag is removed (the manifest stays). Tag deletion is optional in the OCI spec:
 * throws UNSUPPORTED when the registry cannot do it, DELETE_DISABLED when deletes are off,
 * MANIFEST_UNKNOWN when the tag does not exist.
 */
export async function deleteTag(
  ctx: OperationContext,
  repo: RepositoryRef,
  tag: string,
  opts: CallOptions = {},
): Promise<void> {
  if (isDigest(tag))
    throw new AppError(
      'INVALID_ARGUMENT',
      'deleteTag takes a tag; use deleteManifest for a digest',
    );
  checkReference(tag);
  try {
    await sendDelete(ctx, repo, tag, opts);
  } catch (err) {
    // distribution 2.x parses the reference as a digest and answers 400 DIGEST_INVALID for a tag.
    if (
      isAppError(err) &&
      err.status === 400 &&
      (err.code === 'DIGEST_INVALID' || err.code === 'UNSUPPORTED')
    ) {
      throw new AppError(
        'UNSUPPORTED',
        `${repo.registry} cannot delete a tag on its own; delete the manifest by digest instead (that removes every tag on it)`,
        { status: err.status, errors: err.errors, method: err.method, url: err.url, cause: err },
      );
    }
    throw deleteError(err, repo);
  }
}

/** DELETE of `manifests/<reference>`; the registry's errors pass through unchanged. */
async function sendDelete(
  ctx: OperationContext,
  repo: RepositoryRef,
  reference: string,
  opts: CallOptions,
): Promise<void> {
  const res = await send(ctx, 'deleteManifest', repo, {
    params: { reference },
    signal: opts.signal,
  });
  await res.dump();
}

function deleteError(err: unknown, repo: RepositoryRef): unknown {
  if (!isAppError(err)) return err;
  if (err.status === 405 || (err.code === 'UNSUPPORTED' && err.status !== 400)) {
    return new AppError(
      'DELETE_DISABLED',
      `${repo.registry} has deletes disabled: set storage.delete.enabled: true in its config (REGISTRY_STORAGE_DELETE_ENABLED=true) and restart it`,
      { status: err.status, errors: err.errors, method: err.method, url: err.url, cause: err },
    );
  }
  return err;
}
