import pLimit from 'p-limit';

import { fail, failFrom, ok, type Result } from '@/lib/errors';
import { isDigest, isValidTag, retag } from '@/lib/registry';
import { tagTimeline } from '@/lib/events/tag-timeline';
import type { TimelineEntry } from '@/lib/events/timeline';
import {
  listActivity,
  listViolations,
  recordActivity,
  storeTagLocker,
  type ActivityRecord,
  type ViolationRecord,
} from '@/lib/store';

import { callOptions, type ActionDeps } from './deps';
import { shareInFlight } from './single-flight';

export interface TagHistoryInput {
  registry: string;
  repository: string;
  tag: string;
  /** Rows at most (default 50). */
  limit?: number;
}

/** A tag's history: every change made through Manifold, and whether each digest still exists. */
export interface TagHistory {
  registry: string;
  repository: string;
  tag: string;
  /** What the tag holds now (null: it does not exist). */
  current: string | null;
  /** Newest first. */
  entries: ActivityRecord[];
  /**
   * Every digest the tag held, newest first: Manifold's own changes merged with those registry
   * events and reconcile checks recorded (docs/events.md).
   */
  timeline: TimelineEntry[];
  /** Required platforms the tag's lists lacked and platforms it lost, newest first (docs/events.md). */
  violations: ViolationRecord[];
  /** For each digest the entries and the timeline name: true when the repository still has it (a restore can bring it back). */
  exists: Record<string, boolean>;
}

export interface RestoreInput {
  registry: string;
  repository: string;
  tag: string;
  /** The earlier digest to point the tag at again. */
  digest: string;
  /** What the tag held when the user looked (null: it did not exist). */
  expectedDigest: string | null;
  force?: boolean;
}

export interface RestoreResult {
  tag: string;
  digestBefore: string | null;
  digestAfter: string;
  /** False when the tag already pointed there. */
  changed: boolean;
}

function checkInput(i: { tag: string }): Result<null> {
  return isValidTag(i.tag)
    ? ok(null)
    : fail('VALIDATION', `"${i.tag}" is not a tag`, { fieldErrors: { tag: ['Expected a tag'] } });
}

/**
 * Returns the tag's history from the activity log with what it holds now, and for every digest
 * it names whether the repository still has it (HEAD by digest, a few at a time). `keep` filters
 * the activity rows for the reader (e.g. blanks the ids of jobs they may not see).
 */
export async function tagHistory(
  deps: ActionDeps,
  input: TagHistoryInput,
  keep?: (row: ActivityRecord) => ActivityRecord | undefined,
): Promise<Result<TagHistory>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  const repo = { registry: input.registry, repository: input.repository };
  const entries = listActivity({ ...repo, tag: input.tag, limit: input.limit ?? 50 }, keep);
  const timeline = tagTimeline({ ...repo, tag: input.tag }).slice(0, input.limit ?? 50);
  try {
    const current =
      (await deps.client.headManifest(repo, input.tag, callOptions(deps)))?.digest ?? null;
    const digests = new Set<string>();
    for (const e of entries)
      for (const d of [e.digestBefore, e.digestAfter]) if (d && isDigest(d)) digests.add(d);
    for (const e of timeline) if (e.digest && isDigest(e.digest)) digests.add(e.digest);
    const limit = pLimit(4);
    const exists: Record<string, boolean> = {};
    await Promise.all(
      [...digests].map((d) =>
        limit(async () => {
          exists[d] =
            d === current ||
            (await deps.client.headManifest(repo, d, callOptions(deps))) !== undefined;
        }),
      ),
    );
    const violations = listViolations({ ...repo, tag: input.tag });
    return ok({ ...repo, tag: input.tag, current, entries, timeline, violations, exists });
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns the restored tag after pointing it at an earlier digest again (the same bytes, so the
 * same digest), logged as 'restore'. Fails with MANIFEST_UNKNOWN, explained, when that content is
 * no longer in the repository, and CONFLICT (both digests) when the tag moved since the user looked.
 */
export function restoreTag(deps: ActionDeps, input: RestoreInput): Promise<Result<RestoreResult>> {
  return shareInFlight(`restore ${JSON.stringify(input)}`, () => restoreTagNow(deps, input));
}

async function restoreTagNow(
  deps: ActionDeps,
  input: RestoreInput,
): Promise<Result<RestoreResult>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  if (!isDigest(input.digest))
    return fail('VALIDATION', `"${input.digest}" is not a digest`, {
      fieldErrors: { digest: ['Expected a digest'] },
    });
  if (input.expectedDigest !== null && !isDigest(input.expectedDigest))
    return fail('VALIDATION', 'expectedDigest must be a digest or null');
  const repo = { registry: input.registry, repository: input.repository };
  try {
    if (!(await deps.client.headManifest(repo, input.digest, callOptions(deps)))) {
      return fail(
        'MANIFEST_UNKNOWN',
        `${input.digest} is no longer in ${input.registry}/${input.repository}: it was deleted, or garbage collection removed it once nothing tagged pointed at it. It cannot be restored from here.`,
        {
          hint: 'If another repository or registry still has that digest, copy it from there (skopeo copy --all --preserve-digests) and restore again.',
        },
      );
    }
    let written: RestoreResult | undefined;
    const result = await retag(
      deps.client,
      { ...repo, digest: input.digest },
      [{ ...repo, tag: input.tag, expectedDigest: input.expectedDigest }],
      {
        ...callOptions(deps),
        force: input.force ?? false,
        lockTags: storeTagLocker(deps.signal),
        onTagWritten: (r) => {
          written = {
            tag: r.tag,
            digestBefore: r.digestBefore,
            digestAfter: r.digestAfter,
            changed: true,
          };
          recordActivity({
            action: 'restore',
            ...repo,
            tag: r.tag,
            digestBefore: r.digestBefore,
            digestAfter: r.digestAfter,
            detail: { forced: input.force ?? false },
          });
        },
      },
    );
    const first = result.tags[0]!;
    return ok(
      written ?? {
        tag: first.tag,
        digestBefore: first.digestBefore,
        digestAfter: first.digestAfter,
        changed: false,
      },
    );
  } catch (err) {
    // retag() reports a moved tag as a AppError carrying details.conflicts: pass them on.
    return failFrom(err);
  }
}
