import { AppError, type TagConflict } from '@/lib/errors';

import type { RegistryClient } from '../client';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import { verifyTagHolds, type TagWriteResult } from './tag-guard';

/**
 * The tag side of a push: checking the destination tags against what the preview showed, and
 * writing the index under them once every child is in place (the caller holds the tags' locks).
 */

type PushClient = Pick<RegistryClient, 'headManifest' | 'putManifest'>;

/** A tag to put the index under, with the digest the user last saw there (null: must not exist). */
export interface PushDestination extends RepositoryRef {
  tag: string;
  expectedDigest: string | null;
}

export type PushStepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** Progress of one unit of work (same shape as a job step). */
export interface PushStep {
  id: string;
  label: string;
  status: PushStepStatus;
  kind: 'check' | 'manifest' | 'blob' | 'index';
  parent?: string;
  bytesDone?: number;
  bytesTotal?: number;
  detail?: string;
}

/** A destination tag that moved since the preview (the one conflict shape, from lib/errors). */
export type PushConflict = TagConflict;

/** One destination tag written (or found already holding the index): the one tag-write shape. */
export type PushDestinationResult = TagWriteResult;

/** Returns 'registry/repository:tag'. */
export function destinationReference(d: RepositoryRef & { tag: string }): string {
  return `${d.registry}/${d.repository}:${d.tag}`;
}

/**
 * Returns a CONFLICT AppError carrying `details.conflicts` (what each tag holds and what the
 * preview showed) and, when given, `details.indexDigest`: the index this push would have written.
 */
export function conflictError(
  conflicts: PushConflict[],
  indexDigest?: string,
): AppError<'CONFLICT'> {
  const text = conflicts
    .map(
      (c) =>
        `${c.reference} now holds ${c.actual ?? 'nothing'}, the preview showed ${c.expected ?? 'nothing'}`,
    )
    .join('; ');
  return new AppError(
    'CONFLICT',
    `The destination changed since the preview: ${text}${indexDigest ? `; this push would have written ${indexDigest}` : ''}. Nothing was written over it. Refresh the preview, or overwrite explicitly.`,
    { retryable: false, details: { conflicts, ...(indexDigest ? { indexDigest } : {}) } },
  );
}

/**
 * Returns the current digest of each destination tag (null when the tag does not exist) and the
 * tags that moved: a tag is in conflict when it holds neither the expected digest nor the index
 * about to be pushed. Throws the registry's errors (NETWORK, UNAUTHORIZED, ...).
 */
export async function checkDestinations(
  client: Pick<PushClient, 'headManifest'>,
  destinations: readonly PushDestination[],
  indexDigest: string,
  opts: CallOptions = {},
): Promise<{ current: Map<string, string | null>; conflicts: PushConflict[] }> {
  const current = new Map<string, string | null>();
  const conflicts: PushConflict[] = [];
  // Every tag at once: one round trip however many destinations.
  const heads = await Promise.all(destinations.map((d) => client.headManifest(d, d.tag, opts)));
  for (const [i, d] of destinations.entries()) {
    const reference = destinationReference(d);
    const actual = heads[i]?.digest ?? null;
    current.set(reference, actual);
    if (actual !== d.expectedDigest && actual !== indexDigest) {
      conflicts.push({ reference, expected: d.expectedDigest, actual });
    }
  }
  return { current, conflicts };
}

/** What writeIndexTags needs of the push plan and options. */
export interface IndexWrite {
  index: { bytes: Uint8Array; mediaType: string; digest: string };
  destinations: readonly PushDestination[];
  force?: boolean;
}

/**
 * Returns one result per destination after checking the tags again (CONFLICT unless force), PUTting
 * the index under each and confirming with a HEAD that each holds it (CONFLICT naming both digests
 * when another writer got in). Throws the registry's errors; steps are reported through `onStep`.
 */
export async function writeIndexTags(
  client: PushClient,
  plan: IndexWrite,
  seen: ReadonlyMap<string, string | null>,
  indexSteps: readonly PushStep[],
  opts: CallOptions & {
    onStep?: (step: PushStep) => void;
    onIndexPushed?: (result: PushDestinationResult) => void;
  },
): Promise<PushDestinationResult[]> {
  const signal = opts.signal;
  const emit = (step: PushStep) => opts.onStep?.({ ...step });
  const results: PushDestinationResult[] = [];
  // 3. The tag may have moved while the children were copied: look again right before writing.
  // This look is also what each tag holds now (an overwrite looks without refusing).
  const again = await checkDestinations(client, plan.destinations, plan.index.digest, { signal });
  if (!plan.force && again.conflicts.length > 0) {
    for (const s of indexSteps)
      emit({ ...s, status: 'failed', detail: 'the destination tag moved' });
    throw conflictError(again.conflicts, plan.index.digest);
  }

  // 4. The index, under every destination tag.
  for (const [i, d] of plan.destinations.entries()) {
    const step = indexSteps[i]!;
    const reference = destinationReference(d);
    const before = seen.get(reference) ?? null;
    emit({ ...step, status: 'running' });
    const now = { digest: again.current.get(reference) ?? undefined };
    if (now.digest === plan.index.digest) {
      emit({ ...step, status: 'skipped', detail: 'already there', bytesDone: step.bytesTotal });
      const r = {
        reference,
        registry: d.registry,
        repository: d.repository,
        tag: d.tag,
        digestBefore: before,
        digestAfter: plan.index.digest,
        changed: before !== plan.index.digest,
      };
      results.push(r);
      if (r.changed) opts.onIndexPushed?.(r);
      continue;
    }
    try {
      await client.putManifest(d, d.tag, plan.index.bytes, plan.index.mediaType, { signal });
      await verifyTagHolds(client, d, plan.index.digest, { signal });
    } catch (err) {
      emit({ ...step, status: 'failed', detail: errorText(err) });
      throw err;
    }
    emit({ ...step, status: 'done', bytesDone: step.bytesTotal });
    const r = {
      reference,
      registry: d.registry,
      repository: d.repository,
      tag: d.tag,
      digestBefore: now.digest ?? before,
      digestAfter: plan.index.digest,
      changed: true,
    };
    results.push(r);
    opts.onIndexPushed?.(r);
  }
  return results;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
