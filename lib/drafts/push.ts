import { z } from 'zod';

import { fail, failFrom, ok, type Failure, type Result } from '@/lib/errors';
import { registerJobKind, startJob, type Job, type JobHandler } from '@/lib/jobs';
import {
  isDigest,
  serializeIndex,
  validateDraft,
  checkDestinations,
  pushIndex,
  parseReference,
  type ContentCache,
  type RegistryClient,
  type PushChild,
  type PushConflict,
  type PushDestination,
  type PushResult,
} from '@/lib/registry';
import {
  getDraft,
  recordTagWrite,
  setDraftBasedOn,
  setDraftDestinations,
  storeTagLocker,
  type StoredDraft,
} from '@/lib/store';

import { parseDestination } from './preview';
import { entryLabel } from './resolve';
import { checkSources } from './check';
import type { DraftDeps } from './service';
import type { DraftProblem } from './view';

export const PUSH_DRAFT_JOB = 'push-draft';

/** Returns the job subject of a draft ('draft:<id>'), for latestJob(). */
export function draftSubject(id: string): string {
  return `draft:${id}`;
}

export interface PushDraftInput {
  /** Each destination tag with the digest the preview showed there (null: the tag must not exist). */
  destinations: Array<{ reference: string; expectedDigest: string | null }>;
  /** Overwrite tags that moved since the preview. */
  force?: boolean;
  /** The draft revision the preview showed (STALE_PREVIEW when the draft changed since). */
  revision?: number;
  /** The index digest the preview showed (STALE_PREVIEW when it differs). */
  indexDigest?: string;
}

const repositoryRefSchema = z.object({
  registry: z.string().min(1),
  repository: z.string().min(1),
});

/** The params a push-draft job stores: a snapshot of the index, so a retry pushes exactly the same thing. */
export const pushDraftParamsSchema = z.object({
  draftId: z.string(),
  draftName: z.string(),
  revision: z.number().int(),
  index: z.object({ json: z.string(), mediaType: z.string(), digest: z.string() }),
  children: z.array(
    z.object({
      digest: z.string(),
      mediaType: z.string(),
      size: z.number().int().nonnegative(),
      source: repositoryRefSchema,
      label: z.string().optional(),
    }),
  ),
  destinations: z.array(
    repositoryRefSchema.extend({ tag: z.string().min(1), expectedDigest: z.string().nullable() }),
  ),
  force: z.boolean(),
});

export type PushDraftParams = z.infer<typeof pushDraftParamsSchema>;

function describeIssues(issues: readonly DraftProblem[]): string {
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors.slice(0, 3).map((i) => i.message);
  return `The draft cannot be pushed: ${first.join(' ')}${errors.length > 3 ? ` (and ${errors.length - 3} more problems)` : ''}`;
}

/** Returns the destinations keyed by reference, or the failure of the first bad one. */
function parseDestinations(
  input: PushDraftInput,
  defaultRegistry: string | undefined,
): Map<string, PushDestination> | Failure {
  for (const dest of input.destinations) {
    if (dest.expectedDigest !== null && !isDigest(dest.expectedDigest)) {
      return fail('VALIDATION', `"${dest.expectedDigest}" is not a digest`, {
        fieldErrors: { destinations: ['expectedDigest must be a digest or null'] },
      });
    }
  }
  if (input.destinations.length === 0) {
    return fail('VALIDATION', 'Enter at least one destination tag', {
      fieldErrors: { destinations: ['Enter at least one destination tag'] },
    });
  }
  const byReference = new Map<string, PushDestination>();
  for (const x of input.destinations) {
    let dest;
    try {
      dest = parseDestination(x.reference, defaultRegistry);
    } catch (err) {
      return failFrom(err, 'destinations');
    }
    byReference.set(dest.reference, {
      registry: dest.registry,
      repository: dest.repository,
      tag: dest.tag,
      expectedDigest: x.expectedDigest,
    });
  }
  return byReference;
}

/** Returns the failure when the draft is not what the preview showed or cannot be pushed as it is. */
function checkDraft(d: StoredDraft, input: PushDraftInput, digest: string): Failure | undefined {
  if (
    (input.revision !== undefined && input.revision !== d.revision) ||
    (input.indexDigest !== undefined && input.indexDigest !== digest)
  ) {
    return fail(
      'STALE_PREVIEW',
      'The draft changed since the preview. Review the preview again before pushing.',
      { details: { revision: d.revision, indexDigest: digest } },
    );
  }
  const structural = validateDraft(d.index);
  if (structural.some((i) => i.severity === 'error')) {
    return fail('INVALID_DRAFT', describeIssues(structural), { details: { issues: structural } });
  }
  return undefined;
}

/** Returns the CONFLICT failure naming every destination tag that moved since the preview. */
function destinationConflict(conflicts: PushConflict[]): Failure {
  const text = conflicts
    .map(
      (c) =>
        `${c.reference} now holds ${c.actual ?? 'nothing'} (the preview showed ${c.expected ?? 'nothing'})`,
    )
    .join('; ');
  return fail(
    'CONFLICT',
    `The destination changed since the preview: ${text}. Refresh the preview, or overwrite explicitly.`,
    { hint: 'Nothing was written.', details: { conflicts } },
  );
}

/** Returns the repository an entry of a draft is copied from. Throws INVALID_REFERENCE for an entry without a valid source. */
export function entrySource(e: { source?: string | undefined }): {
  registry: string;
  repository: string;
} {
  const src = parseReference(e.source ?? '');
  return { registry: src.registry, repository: src.repository };
}

/** Returns the job params: a snapshot of the index and where each child comes from. */
function pushParams(
  d: StoredDraft,
  serialized: ReturnType<typeof serializeIndex>,
  destinations: PushDestination[],
  force: boolean,
): PushDraftParams {
  const descriptors = d.index.entries.map((e) => e.descriptor);
  const children: PushChild[] = d.index.entries.map((e) => {
    return {
      digest: e.descriptor.digest,
      mediaType: e.descriptor.mediaType,
      size: e.descriptor.size,
      source: entrySource(e),
      label: entryLabel(e.descriptor, descriptors),
    };
  });
  return {
    draftId: d.id,
    draftName: d.name,
    revision: d.revision,
    index: {
      json: new TextDecoder().decode(serialized.bytes),
      mediaType: serialized.mediaType,
      digest: serialized.digest,
    },
    children,
    destinations,
    force,
  };
}

/**
 * Returns the started push job after checking everything that can be checked before writing:
 * the draft is valid (INVALID_DRAFT with details.issues), its sources exist, the preview is not
 * stale (STALE_PREVIEW), and no destination tag moved since the preview (CONFLICT with
 * details.conflicts, unless `force`). Nothing is written to any registry before the job runs.
 */
export async function startDraftPush(
  deps: DraftDeps,
  id: string,
  input: PushDraftInput,
): Promise<Result<{ job: Job<PushDraftParams> }>> {
  const d = getDraft(id);
  if (!d) return fail('DRAFT_NOT_FOUND', `There is no draft ${id}. It may have been deleted.`);
  const serialized = serializeIndex(d.index);
  const refused = checkDraft(d, input, serialized.digest);
  if (refused) return refused;
  const byReference = parseDestinations(input, deps.defaultRegistry);
  if (!(byReference instanceof Map)) return byReference;
  const destinations = [...byReference.values()];

  // The sources and the destination tags are asked at once: one round trip before the job starts.
  const opts = deps.signal ? { signal: deps.signal } : {};
  const [sourceIssues, checked] = await Promise.all([
    checkSources(deps, d),
    checkDestinations(deps.client, destinations, serialized.digest, opts).then(
      (value) => ({ value }),
      (err: unknown) => ({ err }),
    ),
  ]);
  if (sourceIssues.some((i) => i.severity === 'error')) {
    return fail('INVALID_DRAFT', describeIssues(sourceIssues), {
      details: { issues: sourceIssues },
    });
  }
  if ('err' in checked) return failFrom(checked.err);
  try {
    const { conflicts } = checked.value;
    if (conflicts.length > 0 && !input.force) return destinationConflict(conflicts);
    const params = pushParams(d, serialized, destinations, input.force ?? false);
    const job = startJob(PUSH_DRAFT_JOB, params, { subject: draftSubject(d.id), dedupe: true });
    setDraftDestinations(d.id, [...byReference.keys()]);
    return ok({ job });
  } catch (err) {
    return failFrom(err);
  }
}

/** Returns the push-draft job handler: pushes the snapshot with contents and logs each tag written in the activity table. */
export function createPushDraftHandler(
  getClient: () => RegistryClient,
  getCache?: () => ContentCache,
): JobHandler<PushDraftParams, PushResult> {
  return async (ctx) => {
    const p = ctx.params;
    const bytes = new TextEncoder().encode(p.index.json);
    if (ctx.attempt > 1)
      ctx.progress.setMessage('Retrying: what is already in the destination is skipped');
    return pushIndex(
      getClient(),
      {
        index: { bytes, mediaType: p.index.mediaType, digest: p.index.digest },
        children: p.children,
        destinations: p.destinations,
        force: p.force,
      },
      {
        cache: getCache?.(),
        signal: ctx.signal,
        lockTags: storeTagLocker(ctx.signal),
        onStep: (step) => ctx.progress.upsertStep(step),
        onIndexPushed: (r) => {
          // The tag the draft came from now holds what the draft pushed: that is its new base.
          const draft = getDraft(p.draftId);
          if (draft?.basedOn && draft.basedOn.reference.split('@')[0] === r.reference) {
            setDraftBasedOn(p.draftId, {
              reference: `${r.reference}@${r.digestAfter}`,
              digest: r.digestAfter,
            });
          }
          recordTagWrite('push', r, ctx.jobId, {
            draftId: p.draftId,
            draftName: p.draftName,
            mediaType: p.index.mediaType,
            platforms: p.children.map((c) => c.label ?? c.digest),
            forced: p.force,
          });
        },
      },
    );
  };
}

/** Registers the push-draft job kind with a client getter (the server's shared client, or a test's). */
export function registerPushDraftJob(
  getClient: () => RegistryClient,
  getCache?: () => ContentCache,
): void {
  registerJobKind(PUSH_DRAFT_JOB, createPushDraftHandler(getClient, getCache), {
    parseParams: (raw) => pushDraftParamsSchema.parse(raw),
  });
}
