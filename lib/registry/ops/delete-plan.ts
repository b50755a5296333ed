import pLimit from 'p-limit';

import { isAppError } from '@/lib/errors';
import type { Descriptor } from '../descriptor';
import { isIndexMediaType } from '../media-types';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import type { DeleteClient } from './delete';
import { probeDeleteSupport, type DeleteSupport } from './delete-support';
import { scanTags, tagsOn, type ScanOptions, type TagScan } from './tag-scan';

/** A child of a list and what keeps it reachable once the list is deleted. */
export interface ChildReach {
  descriptor: Descriptor;
  /** Tags pointing at the child itself. */
  tags: string[];
  /** Other tagged lists of the repository that include the child. */
  usedBy: string[];
}

/** What deleting a manifest by digest would do. */
export interface DeletePlan {
  registry: string;
  repository: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  /** Every tag that points at the digest: all of them go with it. */
  tags: string[];
  /** Children of a list; they stay. */
  children: ChildReach[];
  /** True when the repository has more tags than were checked. */
  truncated: boolean;
  support: DeleteSupport;
}

/** How a plan learns what the registry lets Manifold delete. */
export type SupportSource = (
  client: Pick<DeleteClient, 'deleteManifest' | 'deleteTag'>,
  repo: RepositoryRef,
  opts: CallOptions,
) => Promise<DeleteSupport>;

export interface PlanDeleteOptions extends ScanOptions {
  /** Where delete support comes from (default: probeDeleteSupport, asked every time). */
  support?: SupportSource;
}

/**
 * Returns what deleting `digest` would do: the tags that go with it, the children that stay with
 * what keeps each reachable, and whether the registry allows it. Changes nothing. Throws
 * MANIFEST_UNKNOWN when the digest is not in the repository.
 */
export async function planDelete(
  client: DeleteClient,
  repo: RepositoryRef,
  digest: string,
  opts: PlanDeleteOptions = {},
): Promise<DeletePlan> {
  const call = opts.signal ? { signal: opts.signal } : {};
  const { parsed } = await client.getManifest(repo, digest, call);
  const [scan, support] = await Promise.all([
    scanTags(client, repo, opts),
    (opts.support ?? probeDeleteSupport)(client, repo, call),
  ]);
  const children: ChildReach[] = [];
  if (parsed.kind === 'index') {
    const listChildren = await otherListChildren(client, repo, digest, scan, call);
    for (const m of parsed.manifests) children.push(reachOf(m, scan, listChildren));
  }
  return {
    registry: repo.registry,
    repository: repo.repository,
    digest,
    mediaType: parsed.mediaType,
    isIndex: parsed.kind === 'index',
    tags: tagsOn(scan, digest),
    children,
    truncated: scan.truncated,
    support,
  };
}

/** Returns the children of the other tagged lists of the repository (they keep a child reachable). */
async function otherListChildren(
  client: Pick<DeleteClient, 'getManifest'>,
  repo: RepositoryRef,
  digest: string,
  scan: TagScan,
  call: CallOptions,
): Promise<Map<string, Set<string>>> {
  const otherLists = [...new Set(Object.values(scan.tags))].filter(
    (d): d is string => d !== null && d !== digest && isIndexMediaType(scan.mediaTypes[d]),
  );
  const limit = pLimit(4);
  const listChildren = new Map<string, Set<string>>();
  await Promise.all(
    otherLists.slice(0, 50).map((d) =>
      limit(async () => {
        try {
          const other = await client.getManifest(repo, d, call);
          if (other.parsed.kind === 'index')
            listChildren.set(d, new Set(other.parsed.manifests.map((m) => m.digest)));
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }),
    ),
  );
  return listChildren;
}

function reachOf(m: Descriptor, scan: TagScan, listChildren: Map<string, Set<string>>): ChildReach {
  const usedBy = Object.entries(scan.tags)
    .filter(([, d]) => d !== null && listChildren.get(d)?.has(m.digest))
    .map(([t]) => t)
    .sort();
  return { descriptor: m, tags: tagsOn(scan, m.digest), usedBy };
}
