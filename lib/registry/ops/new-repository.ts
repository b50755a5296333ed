import { isAppError } from '@/lib/errors';
import type { RegistryClient } from '../client';
import type { CallOptions, RepositoryRef } from '../protocol/context';

/**
 * Resolves true when a copy from `src` writes into `dst` without a HEAD of each manifest and blob
 * first: `dst` had no tags when the copy began and sits on the source's registry. Only mounts rely
 * on it (a blob mounted again costs a link, not bytes); between registries every blob is still
 * asked for, so a resumed copy never streams a layer twice.
 */
export async function skipsDestinationHeads(
  src: RepositoryRef,
  dst: RepositoryRef,
  destinationNew: boolean | Promise<boolean> | undefined,
): Promise<boolean> {
  return src.registry === dst.registry && Boolean(await destinationNew);
}

/**
 * Returns true when the repository has no tags: its tag list answers NAME_UNKNOWN. A copy into it
 * from the same registry then mounts and PUTs straight away, without a HEAD of each manifest and
 * blob first (for a 5-platform list 16 requests and one round trip fewer). distribution also says
 * NAME_UNKNOWN for a repository holding untagged content (an interrupted push): mounting such a
 * blob again costs a link, not bytes, which is why only copies inside one registry use this.
 * Any other answer (tags, an empty list, an error) returns false, and the copy asks before each
 * write as for any repository.
 */
export async function repositoryIsNew(
  client: Pick<RegistryClient, 'listTags'>,
  repo: RepositoryRef,
  opts: CallOptions = {},
): Promise<boolean> {
  try {
    await client.listTags(repo, { n: 1, ...(opts.signal ? { signal: opts.signal } : {}) });
    return false;
  } catch (err) {
    return isAppError(err) && err.code === 'NAME_UNKNOWN';
  }
}
