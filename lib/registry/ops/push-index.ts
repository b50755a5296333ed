import pLimit from 'p-limit';

import type { RegistryClient } from '../client';
import { shortDigest } from '../digest';
import { AppError } from '@/lib/errors';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import { noTagLock, type TagLocker } from './tag-guard';
import {
  checkDestinations,
  conflictError,
  destinationReference,
  writeIndexTags,
  type PushDestination,
  type PushDestinationResult,
  type PushStep,
} from './push-tags';

export {
  checkDestinations,
  conflictError,
  destinationReference,
  type PushConflict,
  type PushDestination,
  type PushDestinationResult,
  type PushStep,
  type PushStepStatus,
} from './push-tags';

/**
 * Pushing an index built elsewhere (a draft) "with contents": every child manifest, with its
 * config and layer blobs, is put into each destination repository first (HEAD-skipped when there,
 * mounted inside a registry, streamed between registries), and the index only after all of them
 * succeeded. The `podman manifest push` without `--all` footgun cannot happen here.
 */

/** What push needs from the registry client. */
export type PushClient = Pick<RegistryClient, 'headManifest' | 'copyManifest' | 'putManifest'>;

/** One child of the index and the repository to copy it from. */
export interface PushChild {
  digest: string;
  mediaType: string;
  size: number;
  /** Where the child lives now. */
  source: RepositoryRef;
  /** For progress labels, e.g. 'linux/amd64' or 'attestation for linux/amd64'. */
  label?: string;
}

export interface PushPlan {
  index: { bytes: Uint8Array; mediaType: string; digest: string };
  children: PushChild[];
  destinations: PushDestination[];
  /** Overwrite destination tags even when they moved since the preview. */
  force?: boolean;
}

export interface PushResult {
  digest: string;
  mediaType: string;
  size: number;
  destinations: PushDestinationResult[];
  children: { copied: number; skipped: number };
  blobs: { skipped: number; mounted: number; uploaded: number; foreign: number };
  bytesUploaded: number;
}

export interface PushOptions extends CallOptions {
  /** Called whenever a step is added or changes. */
  onStep?: (step: PushStep) => void;
  /** Called right after the index is put under a destination tag (record it in an activity log). */
  onIndexPushed?: (result: PushDestinationResult) => void;
  /** Children copied at once per destination repository (default 2). */
  concurrency?: number;
  /** Holds the destination tags from the last check through the index PUTs and their verification. */
  lockTags?: TagLocker;
}

function repoKey(r: RepositoryRef): string {
  return `${r.registry}/${r.repository}`;
}

/**
 * Returns what was pushed, after copying every child (with config and layers) into every
 * destination repository and then putting the index under every destination tag. Nothing is
 * written when a destination tag moved (CONFLICT with `details.conflicts`) unless `plan.force`;
 * the index is never put when any child failed (the first child error is thrown, retryable when
 * the registry's error was). Safe to run again: what is already there is HEAD-skipped.
 */
export async function pushIndex(
  client: PushClient,
  plan: PushPlan,
  opts: PushOptions = {},
): Promise<PushResult> {
  const signal = opts.signal;
  const emit = (step: PushStep) => opts.onStep?.({ ...step });
  if (plan.destinations.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'Choose at least one destination tag');
  if (plan.children.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'The index has no entries to push');

  // Plan every step up front so the progress shows the whole push from the start.
  const repos = new Map<string, RepositoryRef>();
  for (const d of plan.destinations)
    repos.set(repoKey(d), { registry: d.registry, repository: d.repository });
  const checkStep: PushStep = {
    id: 'check',
    label: 'Check destination tags',
    status: 'pending',
    kind: 'check',
  };
  const childSteps = new Map<string, PushStep>();
  for (const [key] of repos) {
    for (const c of plan.children) {
      const id = `child:${key}:${c.digest}`;
      childSteps.set(id, {
        id,
        label: `${c.label ?? shortDigest(c.digest)} → ${key}`,
        status: 'pending',
        kind: 'manifest',
        bytesDone: 0,
      });
    }
  }
  const indexSteps = plan.destinations.map<PushStep>((d) => ({
    id: `index:${destinationReference(d)}`,
    label: `Index → ${destinationReference(d)}`,
    status: 'pending',
    kind: 'index',
    bytesTotal: plan.index.bytes.byteLength,
  }));
  emit(checkStep);
  childSteps.forEach(emit);
  indexSteps.forEach(emit);

  // 1. Nothing is written when a destination moved since the preview.
  emit({ ...checkStep, status: 'running' });
  let checked: Awaited<ReturnType<typeof checkDestinations>>;
  try {
    checked = await checkDestinations(client, plan.destinations, plan.index.digest, { signal });
  } catch (err) {
    emit({ ...checkStep, status: 'failed', detail: errorText(err) });
    throw err;
  }
  if (checked.conflicts.length > 0 && !plan.force) {
    emit({ ...checkStep, status: 'failed', detail: 'a destination tag moved' });
    throw conflictError(checked.conflicts, plan.index.digest);
  }
  emit({
    ...checkStep,
    status: 'done',
    detail: checked.conflicts.length ? 'overwriting tags that moved' : undefined,
  });

  // 2. Every child into every destination repository.
  const result: PushResult = {
    digest: plan.index.digest,
    mediaType: plan.index.mediaType,
    size: plan.index.bytes.byteLength,
    destinations: [],
    children: { copied: 0, skipped: 0 },
    blobs: { skipped: 0, mounted: 0, uploaded: 0, foreign: 0 },
    bytesUploaded: 0,
  };
  const failures: unknown[] = [];
  for (const [key, dst] of repos) {
    const limit = pLimit(opts.concurrency ?? 2);
    await Promise.all(
      plan.children.map((c) =>
        limit(async () => {
          // After a failure the rest waits for the retry (which skips what is already there).
          if (failures.length > 0) return;
          const step = childSteps.get(`child:${key}:${c.digest}`)!;
          try {
            await copyChild(client, c, dst, step, emit, result, signal);
          } catch (err) {
            failures.push(err);
            emit({ ...step, status: 'failed', detail: errorText(err) });
          }
        }),
      ),
    );
  }
  if (failures.length > 0) {
    for (const s of indexSteps)
      emit({ ...s, status: 'skipped', detail: 'not pushed: a child failed' });
    throw failures[0];
  }

  // 3. Hold the destination tags from the last look through the PUT and its verification, so no
  // other writer (another job, another Manifold) moves them in between.
  const lock = opts.lockTags ?? noTagLock;
  result.destinations = await lock(plan.destinations.map(destinationReference), () =>
    writeIndexTags(client, plan, checked.current, indexSteps, opts),
  );
  return result;
}

async function copyChild(
  client: PushClient,
  c: PushChild,
  dst: RepositoryRef,
  step: PushStep,
  emit: (s: PushStep) => void,
  result: PushResult,
  signal: AbortSignal | undefined,
): Promise<void> {
  const current: PushStep = { ...step, status: 'running', bytesDone: 0 };
  emit(current);
  const blobBytes = new Map<string, number>();
  const blobSteps = new Map<string, PushStep>();
  let layerCount = 0;
  const updateTotals = () => {
    current.bytesDone = [...blobBytes.values()].reduce((a, b) => a + b, 0);
    current.bytesTotal = [...blobSteps.values()].reduce((a, s) => a + (s.bytesTotal ?? 0), 0);
  };

  const copied = await client.copyManifest(
    c.source,
    dst,
    { digest: c.digest, size: c.size, mediaType: c.mediaType },
    {
      tags: [],
      ...(signal ? { signal } : {}),
      onProgress: (event) => {
        if (event.kind !== 'blob') return;
        const id = `blob:${step.id.slice('child:'.length)}:${event.digest}`;
        let s = blobSteps.get(id);
        if (!s) {
          const isConfig =
            event.mediaType !== undefined && /config|\.empty\./.test(event.mediaType);
          s = {
            id,
            parent: step.id,
            kind: 'blob',
            label: isConfig
              ? `config ${shortDigest(event.digest)}`
              : `layer ${++layerCount} ${shortDigest(event.digest)}`,
            status: 'running',
            bytesDone: 0,
            bytesTotal: event.size,
          };
          blobSteps.set(id, s);
        }
        if (event.status === 'progress') {
          s.bytesDone = event.bytes ?? 0;
        } else if (event.status !== 'started') {
          s.status = event.status === 'skipped' ? 'skipped' : 'done';
          s.bytesDone = event.size;
          s.detail = event.status === 'skipped' ? 'already there' : event.status;
        }
        blobBytes.set(id, s.bytesDone ?? 0);
        updateTotals();
        emit(s);
        emit(current);
      },
    },
  );
  for (const [k, n] of Object.entries(copied.blobs) as [keyof PushResult['blobs'], number][])
    result.blobs[k] += n;
  result.bytesUploaded += copied.bytesUploaded;
  const skipped = copied.manifests.pushed === 0;
  if (skipped) result.children.skipped++;
  else result.children.copied++;
  updateTotals();
  emit({
    ...current,
    status: skipped ? 'skipped' : 'done',
    ...(skipped ? { detail: 'already there' } : {}),
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
