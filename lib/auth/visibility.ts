import type { Resource } from './resources';

/**
 * Who reads a list, and the rules that decide which rows they see: drafts by owner and group,
 * jobs and activity rows by the resources they touch. Pure (no config, no store), so routes,
 * pages and their tests share one answer.
 */

/** The reader of a list: who they are and what they may do. */
export interface Reader {
  /** The principal's id, as given (never parsed). */
  id: string;
  groups: readonly string[];
  /** Holds admin on every registry and repository: every draft and job is theirs to see. */
  admin: boolean;
  /** Returns true when the reader may do the resource's action on it. */
  can(resource: Resource): boolean;
}

/** A registry repository something names (an entry's source, a destination tag). */
export interface RepositoryRef {
  registry: string;
  repository: string;
}

/** What decides who may open a draft: its owner, the group it is shared with, what it names. */
export interface DraftAccessFacts {
  owner: { id: string } | null;
  sharedWith: string | null;
  /** Every repository the draft shows: entry sources, the list it was based on, its destinations. */
  repositories: readonly RepositoryRef[];
}

/** Returns true when the reader may pull from the repository (or, without one, the catalog). */
export function canPull(reader: Reader, registry: string, repository?: string): boolean {
  return reader.can({
    registry,
    ...(repository !== undefined ? { repository } : {}),
    action: 'pull',
  });
}

/**
 * Returns true when the reader owns the draft, is in the group it is shared with, or is an admin.
 * A draft without an owner (made before owners existed) is the admins' alone.
 */
export function isDraftMember(
  reader: Reader,
  draft: Omit<DraftAccessFacts, 'repositories'>,
): boolean {
  if (reader.admin) return true;
  if (draft.owner !== null && draft.owner.id === reader.id) return true;
  return draft.sharedWith !== null && reader.groups.includes(draft.sharedWith);
}

/**
 * Returns true when the reader may see the draft: a member (see isDraftMember) who may also pull
 * every repository it names, since its entries show their digests, platforms and sizes.
 */
export function draftVisibleTo(reader: Reader, draft: DraftAccessFacts): boolean {
  return (
    isDraftMember(reader, draft) &&
    draft.repositories.every((r) => canPull(reader, r.registry, r.repository))
  );
}

/**
 * Returns true when the reader may see the job: they may pull every resource it touches (its
 * progress names them). A job without stored resources (made before they were stored, or by a
 * kind that names none) is the admins' alone: an empty list proves nothing.
 */
export function jobVisibleTo(reader: Reader, resources: readonly Resource[] | null): boolean {
  if (reader.admin) return true;
  if (!resources || resources.length === 0) return false;
  return resources.every((r) => reader.can({ ...r, action: 'pull' }));
}

/**
 * Returns the activity row as the reader may see it: undefined when they may not pull its
 * repository, else the row with its job id removed when the job is not visible to them (a job
 * id is an address: it is not handed out to whom the job would answer 404).
 */
export function activityRowFor<
  T extends { registry: string; repository: string; jobId: string | null },
>(
  reader: Reader,
  row: T,
  jobResources: (jobId: string) => readonly Resource[] | null,
): T | undefined {
  if (!canPull(reader, row.registry, row.repository)) return undefined;
  if (row.jobId === null || jobVisibleTo(reader, jobResources(row.jobId))) return row;
  return { ...row, jobId: null };
}
