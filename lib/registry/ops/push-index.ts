import type { RegistryClient } from '../client';
import type { ContentCache } from './content-cache';
import { createCopySession } from './copy-session';
import { copyChild } from './push-child';
import { repositoryIsNew } from './new-repository';
import { shortDigest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import { digestReference, noTagLock, type TagLocker } from './tag-guard';
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
export type PushClient = Pick<
  RegistryClient,
  'headManifest' | 'copyManifest' | 'putManifest' | 'listTags'
>;

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
  /** Blobs copied at once across all children (default 16; the transport bounds connections). */
  concurrency?: number;
  /** Holds the destination tags from the last check through the index PUTs and their verification. */
  lockTags?: TagLocker;
  /** Manifests already read from their sources by digest (an inspect): not fetched again. */
  cache?: ContentCache;
}

function repoKey(r: RepositoryRef): string {
  return `${r.registry}/${r.repository}`;
}

/** Every step of a push, planned up front so the progress shows the whole push from the start. */
interface PushSteps {
  repos: Map<string, RepositoryRef>;
  check: PushStep;
  children: Map<string, PushStep>;
  indexes: PushStep[];
}

function planSteps(plan: PushPlan): PushSteps {
  const repos = new Map<string, RepositoryRef>();
  for (const d of plan.destinations)
    repos.set(repoKey(d), { registry: d.registry, repository: d.repository });
  const check: PushStep = {
    id: 'check',
    label: 'Check destination tags',
    status: 'pending',
    kind: 'check',
  };
  const children = new Map<string, PushStep>();
  for (const [key] of repos) {
    for (const c of plan.children) {
      const id = `child:${key}:${c.digest}`;
      children.set(id, {
        id,
        label: `${c.label ?? shortDigest(c.digest)} → ${key}`,
        status: 'pending',
        kind: 'manifest',
        bytesDone: 0,
      });
    }
  }
  const indexes = plan.destinations.map<PushStep>((d) => ({
    id: `index:${destinationReference(d)}`,
    label: `Index → ${destinationReference(d)}`,
    status: 'pending',
    kind: 'index',
    bytesTotal: plan.index.bytes.byteLength,
  }));
  return { repos, check, children, indexes };
}

/** Returns the destination tags as they are now; throws CONFLICT when one moved (unless force). */
async function checkStep(
  client: PushClient,
  plan: PushPlan,
  step: PushStep,
  emit: (s: PushStep) => void,
  signal: AbortSignal | undefined,
): Promise<Map<string, string | null>> {
  emit({ ...step, status: 'running' });
  let checked: Awaited<ReturnType<typeof checkDestinations>>;
  try {
    checked = await checkDestinations(client, plan.destinations, plan.index.digest, { signal });
  } catch (err) {
    emit({ ...step, status: 'failed', detail: errorText(err) });
    throw err;
  }
  if (checked.conflicts.length > 0 && !plan.force) {
    emit({ ...step, status: 'failed', detail: 'a destination tag moved' });
    throw conflictError(checked.conflicts, plan.index.digest);
  }
  emit({
    ...step,
    status: 'done',
    detail: checked.conflicts.length ? 'overwriting tags that moved' : undefined,
  });
  return checked.current;
}

/**
 * Copies every child into every destination repository, all at once (blobs shared between
 * children are copied once per repository, the transport bounds the connections); on the first
 * failure the rest is stopped and the error thrown (a retry skips what is already there).
 */
async function copyChildren(
  client: PushClient,
  plan: PushPlan,
  steps: PushSteps,
  emit: (s: PushStep) => void,
  result: PushResult,
  opts: PushOptions,
  writeGate: Promise<unknown>,
): Promise<void> {
  const stop = new AbortController();
  let refused = false;
  writeGate.catch(() => (refused = true));
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const session = createCopySession(opts.concurrency);
  const failures: unknown[] = [];
  const jobs = [...steps.repos].flatMap(([key, dst]) => {
    // Asked while the children are read: a new repository gets no HEADs before its mounts.
    const mounts = plan.children.some((c) => c.source.registry === dst.registry);
    const destinationNew = mounts
      ? repositoryIsNew(client, dst, { signal })
      : Promise.resolve(false);
    return plan.children.map(async (c) => {
      const step = steps.children.get(`child:${key}:${c.digest}`)!;
      const shared = { signal, session, writeGate, destinationNew, cache: opts.cache };
      try {
        await copyChild(client, c, dst, step, emit, result, shared);
      } catch (err) {
        if (failures.length === 0) stop.abort();
        failures.push(err);
        if (refused) return emit({ ...step, status: 'skipped', detail: 'not copied' });
        const stopped = failures.length > 1 && isAppError(err) && err.code === 'ABORTED';
        emit({
          ...step,
          status: stopped ? 'skipped' : 'failed',
          detail: stopped ? 'stopped: another child failed' : errorText(err),
        });
      }
    });
  });
  await Promise.all(jobs);
  if (failures.length > 0) {
    // A refused check fails its own step; the index steps stay as they were (nothing started).
    if (!refused)
      for (const s of steps.indexes)
        emit({ ...s, status: 'skipped', detail: 'not pushed: a child failed' });
    // The cause, not the cancellations it set off: a sibling stopped by `stop` (or a request
    // whose error was mapped after the abort) may land in the list before the failure itself.
    throw failures.find((e) => !(isAppError(e) && e.code === 'ABORTED')) ?? failures[0];
  }
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
  const emit = (step: PushStep) => opts.onStep?.({ ...step });
  if (plan.destinations.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'Choose at least one destination tag');
  if (plan.children.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'The index has no entries to push');
  const steps = planSteps(plan);
  emit(steps.check);
  steps.children.forEach(emit);
  steps.indexes.forEach(emit);

  // 1. Nothing is written when a destination moved since the preview: the children are read
  // while the tags are checked, and their first write waits for the check.
  const checking = checkStep(client, plan, steps.check, emit, opts.signal);
  checking.catch(() => undefined); // awaited below, after the children have stopped

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
  const copying = copyChildren(client, plan, steps, emit, result, opts, checking);
  const current = await checking.catch(async (err: unknown) => {
    await copying.catch(() => undefined);
    throw err;
  });
  await copying;

  // 3. Hold the destination tags, and the index's digest in each destination repository, from the
  // last look through the PUT and its verification, so no other writer (another job, another
  // Manifold) moves them and no delete of that digest runs in between.
  const lock = opts.lockTags ?? noTagLock;
  const keys = [
    ...plan.destinations.map((d) => digestReference(d, plan.index.digest)),
    ...plan.destinations.map(destinationReference),
  ];
  result.destinations = await lock(keys, () =>
    writeIndexTags(client, plan, current, steps.indexes, opts),
  );
  return result;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
