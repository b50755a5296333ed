import pLimit from 'p-limit';

import { globMatch } from '@/lib/auth/roles';
import { isAppError } from '@/lib/errors';
import type { RepositoryRef } from '@/lib/registry';
import { insertTagChange, knownTags } from '@/lib/store';

import { platformsOf, type EventsDeps } from './platforms';
import { checkTagChange } from './rules';

/** Repositories of one registry the check watches: names or patterns such as `team/*`. */
export interface ReconcileWatch {
  registry: string;
  repositories: string[];
}

/** What one check did. */
export interface ReconcileResult {
  repositories: number;
  tags: number;
  /** Tag changes it recorded (moved, new or gone). */
  changes: number;
  /** `registry/repository: message` of each repository it could not check. */
  errors: string[];
}

async function allPages<T>(
  page: (cursor?: string) => Promise<{ items: T[]; next?: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.next;
  } while (cursor);
  return out;
}

async function repositoriesOf(deps: EventsDeps, w: ReconcileWatch): Promise<string[]> {
  const names = w.repositories.filter((r) => !r.includes('*'));
  const patterns = w.repositories.filter((r) => r.includes('*'));
  if (patterns.length === 0) return names;
  const catalog = await allPages(async (cursor) => {
    const p = await deps.client.listRepositories(w.registry, {
      n: 1000,
      ...(cursor ? { cursor } : {}),
    });
    return { items: p.repositories, next: p.next };
  });
  const matched = catalog.filter((r) => patterns.some((p) => globMatch(p, r)));
  return [...new Set([...names, ...matched])];
}

async function tagsOf(deps: EventsDeps, repo: RepositoryRef): Promise<string[]> {
  try {
    return await allPages(async (cursor) => {
      const p = await deps.client.listTags(repo, { n: 1000, ...(cursor ? { cursor } : {}) });
      return { items: p.tags, next: p.next };
    });
  } catch (err) {
    // A repository whose last tag went is unknown to the registry: all its tags are gone.
    if (isAppError(err) && err.code === 'NAME_UNKNOWN') return [];
    throw err;
  }
}

/** Returns how many changes it recorded after comparing one repository's tags with the store. */
async function checkRepository(deps: EventsDeps, repo: RepositoryRef): Promise<[number, number]> {
  const tags = await tagsOf(deps, repo);
  const known = new Map(knownTags(repo.registry, repo.repository).map((t) => [t.tag, t.digest]));
  const base = { ...repo, via: 'check' as const, actor: null };
  const limit = pLimit(4);
  let changes = 0;
  await Promise.all(
    tags.map((tag) =>
      limit(async () => {
        const head = await deps.client.headManifest(repo, tag);
        if (!head || known.get(tag) === head.digest) return;
        const mediaType = head.mediaType ?? null;
        const platforms = await platformsOf(deps, repo, { digest: head.digest, mediaType });
        const time = new Date().toISOString();
        insertTagChange({ ...base, tag, digest: head.digest, mediaType, platforms, time });
        checkTagChange(deps.policy, { ...repo, tag }, { via: 'check', actor: null, time });
        changes++;
      }),
    ),
  );
  const present = new Set(tags);
  for (const [tag, digest] of known) {
    if (digest === null || present.has(tag)) continue;
    const time = new Date().toISOString();
    insertTagChange({ ...base, tag, digest: null, mediaType: null, platforms: null, time });
    changes++;
  }
  return [tags.length, changes];
}

/**
 * Returns what one check found after HEADing every tag of the watched repositories and recording
 * each tag whose digest differs from the one Manifold last knew (and each known tag that is gone)
 * as a change "seen by a check". A repository that cannot be read is reported in `errors`, the
 * others are still checked. Throws only when the store fails.
 */
export async function reconcileOnce(
  deps: EventsDeps,
  watch: readonly ReconcileWatch[],
): Promise<ReconcileResult> {
  const result: ReconcileResult = { repositories: 0, tags: 0, changes: 0, errors: [] };
  for (const w of watch) {
    let repos: string[];
    try {
      repos = await repositoriesOf(deps, w);
    } catch (err) {
      result.errors.push(`${w.registry}: ${(err as Error).message}`);
      continue;
    }
    for (const repository of repos) {
      try {
        const [tags, changes] = await checkRepository(deps, { registry: w.registry, repository });
        result.repositories++;
        result.tags += tags;
        result.changes += changes;
      } catch (err) {
        if (!isAppError(err)) throw err;
        result.errors.push(`${w.registry}/${repository}: ${err.message}`);
      }
    }
  }
  return result;
}
