import { randomBytes } from 'node:crypto';

import { AppError, isAppError } from '@/lib/errors';
import { sha256Digest } from '../hash';
import { MediaType } from '../media-types';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import type { DeleteClient } from './delete';
import { checkTags, tagConflictError, tagReference } from './tag-guard';

export interface UntagOptions extends CallOptions {
  /** The digest the user saw on the tag (CONFLICT when it moved, unless `force`). */
  expectedDigest: string;
  force?: boolean;
  /**
   * When the registry cannot delete a tag (distribution 2.8), point the tag at a unique
   * placeholder manifest and delete that by digest, as `regctl tag delete` does. Default false:
   * such a registry then gives UNSUPPORTED.
   */
  allowPlaceholder?: boolean;
}

export interface UntagResult {
  tag: string;
  /** The digest the tag held; the manifest itself stays. */
  digest: string;
  method: 'tag-delete' | 'placeholder';
  /** The placeholder manifest that was put and deleted (its small config blob stays until GC). */
  placeholderDigest?: string;
}

/**
 * Returns how the tag was removed, leaving the manifest (and other tags on it) in place, verified
 * with HEADs. Throws MANIFEST_UNKNOWN when the tag does not exist, CONFLICT when it moved,
 * DELETE_DISABLED, UNSUPPORTED (tag deletes unsupported and no placeholder allowed), and the
 * registry's errors; when the placeholder cannot be deleted the tag is put back where it was.
 */
export async function untag(
  client: DeleteClient,
  repo: RepositoryRef,
  tag: string,
  opts: UntagOptions,
): Promise<UntagResult> {
  const call = opts.signal ? { signal: opts.signal } : {};
  const target = { ...repo, tag, expectedDigest: opts.expectedDigest };
  const { current, conflicts } = await checkTags(client, [target], undefined, call);
  const actual = current.get(tagReference(target)) ?? null;
  if (actual === null)
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${tagReference(target)} does not exist (any more); nothing was removed`,
    );
  if (conflicts.length > 0 && !opts.force) throw tagConflictError(conflicts);

  try {
    await client.deleteTag(repo, tag, call);
    await verifyUntagged(client, repo, tag, actual, opts.signal);
    return { tag, digest: actual, method: 'tag-delete' };
  } catch (err) {
    if (!(isAppError(err) && err.code === 'UNSUPPORTED' && opts.allowPlaceholder)) throw err;
  }

  // regctl's fallback: the tag moves to a manifest nobody else uses, which is then deleted by digest.
  const original = await client.getManifest(repo, actual, call);
  const placeholder = placeholderManifest(tag, original.parsed.mediaType);
  await client.uploadBlob(
    repo,
    placeholder.config.digest,
    placeholder.config.bytes.byteLength,
    placeholder.config.bytes,
    call,
  );
  const now = await client.headManifest(repo, tag, call);
  if (now?.digest !== actual && !opts.force) {
    throw tagConflictError([
      {
        reference: tagReference(target),
        expected: opts.expectedDigest,
        actual: now?.digest ?? null,
      },
    ]);
  }
  await client.putManifest(repo, tag, placeholder.bytes, placeholder.mediaType, call);
  try {
    await client.deleteManifest(repo, placeholder.digest, call);
  } catch (err) {
    // Never leave the tag on the placeholder: put the original back, then report the failure.
    await client.putManifest(repo, tag, original.parsed.raw, original.parsed.mediaType, call);
    throw err;
  }
  await verifyUntagged(client, repo, tag, actual, opts.signal);
  return { tag, digest: actual, method: 'placeholder', placeholderDigest: placeholder.digest };
}

async function verifyUntagged(
  client: DeleteClient,
  repo: RepositoryRef,
  tag: string,
  digest: string,
  signal?: AbortSignal,
): Promise<void> {
  const call = signal ? { signal } : {};
  const head = await client.headManifest(repo, tag, call);
  if (head) {
    throw new AppError(
      'SERVER_ERROR',
      `The registry reported :${tag} removed but still resolves it to ${head.digest}; look again in a minute.`,
    );
  }
  if (!(await client.headManifest(repo, digest, call))) {
    throw new AppError(
      'SERVER_ERROR',
      `:${tag} is gone, but so is ${digest}, which should have stayed. The registry deleted more than asked.`,
    );
  }
}

/** Returns a tiny image manifest unique to this untag (its config names the tag and a nonce). */
function placeholderManifest(
  tag: string,
  like: string,
): {
  bytes: Uint8Array;
  digest: string;
  mediaType: string;
  config: { bytes: Uint8Array; digest: string };
} {
  const docker = like === MediaType.DockerManifest || like === MediaType.DockerManifestList;
  const config = new TextEncoder().encode(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Labels: { 'org.manifold.untag': tag, 'org.manifold.nonce': randomBytes(8).toString('hex') },
      },
      rootfs: { type: 'layers', diff_ids: [] },
      created: new Date().toISOString(),
    }),
  );
  const configDigest = sha256Digest(config);
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig,
      digest: configDigest,
      size: config.byteLength,
    },
    layers: [],
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  return {
    bytes,
    digest: sha256Digest(bytes),
    mediaType,
    config: { bytes: config, digest: configDigest },
  };
}
