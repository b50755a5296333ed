import 'server-only';

import { toPublicError } from '@/lib/errors';
import {
  listAllTags,
  type Descriptor,
  type RegistryClient,
  type RepositoryRef,
} from '@/lib/registry';

import { getRegistryClient } from './registry';

const TAG_PAGES = 5;

/** What refers to one manifest (a list, or one of its images), or why that could not be read. */
export interface ReferrersOfTarget<T extends { digest: string }> {
  target: T;
  referrers: Descriptor[];
  error: string | undefined;
}

/** Returns the repository's tags (at most 5 pages): cosign keeps signatures under tags, not referrers. Throws AppError. */
async function repositoryTags(client: RegistryClient, repo: RepositoryRef): Promise<string[]> {
  return (await listAllTags(client, repo, { maxPages: TAG_PAGES })).tags;
}

/**
 * Returns the referrers of each target (from the referrers API or its fallback tag; a failure is
 * kept as that target's error) and the repository's tags for cosign's tag convention (undefined
 * when they cannot be listed). Never throws.
 */
export async function findReferrers<T extends { digest: string }>(
  repo: RepositoryRef,
  targets: readonly T[],
  client: RegistryClient = getRegistryClient(),
): Promise<{ found: Array<ReferrersOfTarget<T>>; tags: string[] | undefined }> {
  const [found, tags] = await Promise.all([
    Promise.all(
      targets.map(async (target) => {
        try {
          return {
            target,
            referrers: await client.referrers(repo, target.digest),
            error: undefined,
          };
        } catch (err) {
          return { target, referrers: [], error: toPublicError(err).message };
        }
      }),
    ),
    repositoryTags(client, repo).catch(() => undefined),
  ]);
  return { found, tags };
}

/** Returns the digest each tag points at now; a tag gone or unreadable is left out. Never throws. */
export async function tagDigests(
  repo: RepositoryRef,
  tags: readonly string[],
  client: RegistryClient = getRegistryClient(),
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    tags.map(async (tag) => {
      try {
        const head = await client.headManifest(repo, tag);
        if (head) out.set(tag, head.digest);
      } catch {
        // Unreadable: the tag is still listed by its name, as before.
      }
    }),
  );
  return out;
}
