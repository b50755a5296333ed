import { randomBytes } from 'node:crypto';

import { isAppError } from '@/lib/errors';
import type { RegistryClient } from '../client';
import type { CallOptions, RepositoryRef } from '../protocol/context';

/** What the registry lets Manifold delete, found without changing anything. */
export interface DeleteSupport {
  /** DELETE by digest: 'disabled' is distribution's 405 (storage.delete.enabled is off). */
  manifests: 'enabled' | 'disabled' | 'unknown';
  /** DELETE by tag: 'unsupported' is distribution 2.8's 400 DIGEST_INVALID. */
  tags: 'supported' | 'unsupported' | 'disabled' | 'unknown';
  /** Why a value is 'unknown' (e.g. the credentials may not delete). */
  detail?: string;
}

/** A digest that cannot exist (no content hashes to all zeros). */
const NO_SUCH_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * Returns whether the registry deletes manifests and tags, by asking it to delete a digest and a
 * tag that do not exist (404 = allowed, 405 = deletes disabled, 400 = tags cannot be deleted).
 * Nothing can be deleted by these requests. Never throws for registry answers.
 */
export async function probeDeleteSupport(
  client: Pick<RegistryClient, 'deleteManifest' | 'deleteTag'>,
  repo: RepositoryRef,
  opts: CallOptions = {},
): Promise<DeleteSupport> {
  const out: DeleteSupport = { manifests: 'unknown', tags: 'unknown' };
  try {
    await client.deleteManifest(repo, NO_SUCH_DIGEST, opts);
    out.manifests = 'enabled';
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'MANIFEST_UNKNOWN' || err.code === 'NAME_UNKNOWN') out.manifests = 'enabled';
    else if (err.code === 'DELETE_DISABLED') out.manifests = 'disabled';
    else out.detail = err.message;
  }
  if (out.manifests === 'disabled') return { ...out, tags: 'disabled' };
  try {
    await client.deleteTag(repo, `manifold-probe-${randomBytes(8).toString('hex')}`, opts);
    out.tags = 'supported';
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'MANIFEST_UNKNOWN' || err.code === 'NAME_UNKNOWN') out.tags = 'supported';
    else if (err.code === 'UNSUPPORTED') out.tags = 'unsupported';
    else if (err.code === 'DELETE_DISABLED') out.tags = 'disabled';
    else out.detail ??= err.message;
  }
  return out;
}
