import type { RegistryClient } from '../client';
import { shortDigest } from '../digest';
import { AppError } from '@/lib/errors';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import type { ContentCache } from './content-cache';
import { repositoryIsNew } from './new-repository';
import {
  checkTags,
  digestReference,
  noTagLock,
  sourceDeletedError,
  tagConflictError,
  tagReference,
  verifyTag,
  type TagLocker,
  type TagTarget,
  type TagWriteResult,
} from './tag-guard';

export type { TagWriteResult } from './tag-guard';

/**
 * Retag (`skopeo copy --all --preserve-digests`, `regctl image copy`, what `buildah tag` does for
 * local images): put one existing manifest, byte for byte, under more tags. Inside its own
 * repository only the tag is written; into another repository or registry the whole tree
 * (children of a list, configs, layers) is copied first, then the same bytes are PUT, so the
 * digest never changes. Restoring a tag to an earlier digest is the same operation.
 */

/** A manifest that exists in a repository, by digest. */
export interface TagSource extends RepositoryRef {
  digest: string;
}

/** Progress of one unit of work (the same shape as a job step). */
export interface WriteStep {
  id: string;
  label: string;
  status: 'pending' | 'running' | 'done' | 'skipped' | 'failed';
  kind: 'check' | 'copy' | 'tag';
  bytesDone?: number;
  bytesTotal?: number;
  detail?: string;
}

export interface RetagResult {
  digest: string;
  mediaType: string;
  size: number;
  tags: TagWriteResult[];
  /** What copying into other repositories cost. */
  copied: { repositories: number; manifests: number; blobs: number; bytesUploaded: number };
}

export interface RetagOptions extends CallOptions {
  /** Overwrite tags that moved since the user looked (the explicit "overwrite anyway"). */
  force?: boolean;
  onStep?: (step: WriteStep) => void;
  /** Called right after a tag changed (record it in the activity log). */
  onTagWritten?: (result: TagWriteResult) => void;
  /** Holds the target tags from the last check through the PUTs and their verification. */
  lockTags?: TagLocker;
  /** Manifests already read from the source by digest (an inspect): a copy does not fetch them again. */
  cache?: ContentCache;
}

type RetagClient = Pick<
  RegistryClient,
  'getManifest' | 'headManifest' | 'putManifest' | 'copyManifest' | 'listTags'
>;

const repoKey = (r: RepositoryRef): string => `${r.registry}/${r.repository}`;

interface RetagSteps {
  otherRepos: Map<string, RepositoryRef>;
  check: WriteStep;
  copies: WriteStep[];
  tags: WriteStep[];
}

function planRetagSteps(source: TagSource, targets: readonly TagTarget[]): RetagSteps {
  const otherRepos = new Map<string, RepositoryRef>();
  for (const t of targets) {
    if (repoKey(t) !== repoKey(source))
      otherRepos.set(repoKey(t), { registry: t.registry, repository: t.repository });
  }
  const check: WriteStep = {
    id: 'check',
    label: 'Check the tags still point where you saw them',
    status: 'pending',
    kind: 'check',
  };
  const copies = [...otherRepos.keys()].map<WriteStep>((key) => ({
    id: `copy:${key}`,
    label: `Copy ${shortDigest(source.digest)} with its contents → ${key}`,
    status: 'pending',
    kind: 'copy',
    bytesDone: 0,
  }));
  const tags = targets.map<WriteStep>((t) => ({
    id: `tag:${tagReference(t)}`,
    label: `Tag ${tagReference(t)}`,
    status: 'pending',
    kind: 'tag',
  }));
  return { otherRepos, check, copies, tags };
}

type Copied = RetagResult['copied'];

/** Copies the source manifest with its contents into `dst`, reporting on `step`; adds to `copied`. */
async function copyInto(
  client: RetagClient,
  source: TagSource,
  top: { raw: Uint8Array; mediaType: string; digest: string; present: boolean },
  isNew: boolean,
  dst: RepositoryRef,
  step: WriteStep,
  copied: Copied,
  opts: RetagOptions,
): Promise<void> {
  const emit = (s: WriteStep) => opts.onStep?.({ ...s });
  const bytes = new Map<string, number>();
  let total = 0;
  emit({ ...step, status: 'running' });
  const r = await client.copyManifest(
    source,
    dst,
    { digest: source.digest, size: top.raw.byteLength, mediaType: top.mediaType },
    {
      tags: [],
      // Already read, and PUT under the tags by writeTags after its checks (not by digest first).
      top,
      deferTop: true,
      destinationNew: isNew,
      cache: opts.cache,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (e) => {
        if (e.kind !== 'blob') return;
        if (e.status === 'started') total += e.size;
        else bytes.set(e.digest, e.status === 'progress' ? (e.bytes ?? 0) : e.size);
        emit({
          ...step,
          status: 'running',
          bytesDone: [...bytes.values()].reduce((a, b) => a + b, 0),
          bytesTotal: total,
        });
      },
    },
  );
  copied.repositories++;
  copied.manifests += r.manifests.pushed + (r.topDeferred ? 1 : 0);
  copied.blobs += r.blobs.uploaded + r.blobs.mounted;
  copied.bytesUploaded += r.bytesUploaded;
  const nothing = r.manifests.pushed === 0 && !r.topDeferred;
  emit({
    ...step,
    status: nothing ? 'skipped' : 'done',
    bytesDone: total,
    bytesTotal: total,
    detail: nothing
      ? 'already there'
      : `${r.manifests.pushed + (r.topDeferred ? 1 : 0)} manifests, ${r.blobs.uploaded} blobs uploaded, ${r.blobs.mounted} mounted`,
  });
}

/**
 * Returns the tags written after putting the source manifest's exact bytes under every target
 * tag, copying its contents first into each other repository. Nothing is written when a target
 * tag moved since the user saw it (CONFLICT naming both digests) unless `opts.force`; the tags are
 * checked again right before writing. Each tag is verified with a HEAD after the PUT. Throws
 * MANIFEST_UNKNOWN when the source is gone, and the registry's errors.
 */
export async function retag(
  client: RetagClient,
  source: TagSource,
  targets: readonly TagTarget[],
  opts: RetagOptions = {},
): Promise<RetagResult> {
  if (targets.length === 0) throw new AppError('INVALID_ARGUMENT', 'Name at least one tag');
  const signal = opts.signal;
  const emit = (step: WriteStep) => opts.onStep?.({ ...step });
  const steps = planRetagSteps(source, targets);
  [steps.check, ...steps.copies, ...steps.tags].forEach(emit);

  emit({ ...steps.check, status: 'running' });
  // The source, the tags, whether each other repository holds the source and whether it holds
  // anything at all are read at once: one round trip before anything is written.
  const others = [...steps.otherRepos.values()];
  const [{ parsed }, first, held, fresh] = await Promise.all([
    client.getManifest(source, source.digest, signal ? { signal } : {}),
    checkTags(client, targets, source.digest, { signal }),
    Promise.all(others.map((dst) => client.headManifest(dst, source.digest, { signal }))),
    Promise.all(
      others.map((dst) =>
        dst.registry === source.registry
          ? repositoryIsNew(client, dst, { signal })
          : Promise.resolve(false),
      ),
    ),
  ]);
  const { raw, mediaType } = parsed;
  if (first.conflicts.length > 0 && !opts.force) {
    emit({ ...steps.check, status: 'failed', detail: 'a tag moved' });
    throw tagConflictError(first.conflicts);
  }
  emit({
    ...steps.check,
    status: 'done',
    ...(first.conflicts.length ? { detail: 'overwriting tags that moved' } : {}),
  });

  const copied: Copied = { repositories: 0, manifests: 0, blobs: 0, bytesUploaded: 0 };
  for (const [i, dst] of others.entries()) {
    const step = steps.copies[i]!;
    const top = { raw, mediaType, digest: source.digest, present: held[i] !== undefined };
    try {
      await copyInto(client, source, top, fresh[i] === true, dst, step, copied, opts);
    } catch (err) {
      emit({ ...step, status: 'failed', detail: errorText(err) });
      for (const s of steps.tags)
        emit({ ...s, status: 'skipped', detail: 'not written: the copy failed' });
      throw err;
    }
  }

  // Hold the tags and the source digest (in every repository written) from the last look through
  // the PUTs and their verification: no writer moves the tags, no delete of the source interleaves.
  const lock = opts.lockTags ?? noTagLock;
  const digests = [source, ...targets].map((r) => digestReference(r, source.digest));
  const results = await lock([...digests, ...targets.map(tagReference)], () =>
    writeTags(client, source, { raw, mediaType }, targets, steps.tags, opts),
  );
  return { digest: source.digest, mediaType, size: raw.byteLength, tags: results, copied };
}

/** Returns the tags written: checks them again (CONFLICT unless force), PUTs and verifies each. */
async function writeTags(
  client: RetagClient,
  source: TagSource,
  manifest: { raw: Uint8Array; mediaType: string },
  targets: readonly TagTarget[],
  tagSteps: WriteStep[],
  opts: RetagOptions,
): Promise<TagWriteResult[]> {
  const signal = opts.signal;
  const emit = (step: WriteStep) => opts.onStep?.({ ...step });
  // The tags may have moved while the contents were copied: look again right before writing. A PUT
  // into the source's repository would bring back a source deleted meanwhile: look at it too.
  const inSource = targets.some((t) => repoKey(t) === repoKey(source));
  const [again, sourceHead] = await Promise.all([
    checkTags(client, targets, source.digest, { signal }),
    inSource ? client.headManifest(source, source.digest, { signal }) : Promise.resolve(true),
  ]);
  if (!sourceHead) {
    for (const s of tagSteps) emit({ ...s, status: 'failed', detail: 'the source was deleted' });
    throw sourceDeletedError(source);
  }
  if (again.conflicts.length > 0 && !opts.force) {
    for (const s of tagSteps) emit({ ...s, status: 'failed', detail: 'the tag moved' });
    throw tagConflictError(again.conflicts);
  }
  const results: TagWriteResult[] = [];
  for (const [i, t] of targets.entries()) {
    const step = tagSteps[i]!;
    const reference = tagReference(t);
    const before = again.current.get(reference) ?? null;
    const base = {
      reference,
      registry: t.registry,
      repository: t.repository,
      tag: t.tag,
      digestBefore: before,
      digestAfter: source.digest,
    };
    if (before === source.digest) {
      emit({ ...step, status: 'skipped', detail: 'already points there' });
      results.push({ ...base, changed: false });
      continue;
    }
    emit({ ...step, status: 'running' });
    try {
      await client.putManifest(t, t.tag, manifest.raw, manifest.mediaType, { signal });
      await verifyTag(client, t, source.digest, signal);
    } catch (err) {
      emit({ ...step, status: 'failed', detail: errorText(err) });
      throw err;
    }
    emit({ ...step, status: 'done', detail: before ? `was ${shortDigest(before)}` : 'new tag' });
    const result = { ...base, changed: true };
    results.push(result);
    opts.onTagWritten?.(result);
  }
  return results;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
