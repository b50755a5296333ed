import { z } from 'zod';

import { repositoryResource, writeAction, type Resource } from '@/lib/auth/resources';
import { registerJobKind, type JobHandler } from '@/lib/jobs';
import {
  digestReference,
  pushIndex,
  retag,
  type ContentCache,
  type RegistryClient,
  type PushResult,
  type RetagResult,
} from '@/lib/registry';
import { recordTagWrite, storeTagLocker, type TagWrite } from '@/lib/store';

/** Job kinds of the image actions; their handlers log every tag they change in the activity table. */
export const RETAG_JOB = 'retag';
export const COPY_JOB = 'copy';

const repositoryRef = z.object({ registry: z.string().min(1), repository: z.string().min(1) });
const source = repositoryRef.extend({ digest: z.string().min(1) });
const target = repositoryRef.extend({
  tag: z.string().min(1),
  expectedDigest: z.string().nullable(),
});

/** Params of a retag job: the source manifest by digest, and each tag with the digest the user saw there. */
export const retagParamsSchema = z.object({
  source,
  targets: z.array(target).min(1),
  force: z.boolean(),
});
export type RetagParams = z.infer<typeof retagParamsSchema>;

/**
 * Params of a copy job: a snapshot of what the preview showed, so a retry copies exactly the same
 * thing. `index` is set for a subset of a list (a new index, with the children to copy first).
 */
export const copyParamsSchema = z.object({
  source,
  destination: target,
  force: z.boolean(),
  whole: z.boolean(),
  index: z.object({ json: z.string(), mediaType: z.string(), digest: z.string() }).optional(),
  children: z.array(
    z.object({
      digest: z.string(),
      mediaType: z.string(),
      size: z.number().int().nonnegative(),
      label: z.string(),
    }),
  ),
  /** Labels of the platforms copied, for the activity log. */
  platforms: z.array(z.string()),
});
export type CopyParams = z.infer<typeof copyParamsSchema>;

/** Returns the job subject of an image ('image:<registry>/<repository>@<digest>'). */
export function imageSubject(s: { registry: string; repository: string; digest: string }): string {
  return `image:${s.registry}/${s.repository}@${s.digest}`;
}

/** Returns what a retag job touches: pull on the source, a (forced: overwrite) write on each target. */
export function retagJobResources(p: RetagParams): Resource[] {
  return [
    repositoryResource(p.source, 'pull'),
    ...p.targets.map((t) => repositoryResource(t, writeAction(p.force))),
  ];
}

/** Returns what a copy job touches: pull on the source, a (forced: overwrite) write on the destination. */
export function copyJobResources(p: CopyParams): Resource[] {
  return [
    repositoryResource(p.source, 'pull'),
    repositoryResource(p.destination, writeAction(p.force)),
  ];
}

/** Returns the retag job handler: retag() with progress, each changed tag logged as 'retag'. */
export function createRetagHandler(
  getClient: () => RegistryClient,
  getCache?: () => ContentCache,
): JobHandler<RetagParams, RetagResult> {
  return (ctx) => {
    const p = ctx.params;
    return retag(getClient(), p.source, p.targets, {
      force: p.force,
      cache: getCache?.(),
      signal: ctx.signal,
      lockTags: storeTagLocker(ctx.signal),
      onStep: (step) => ctx.progress.upsertStep(step),
      onTagWritten: (r) => {
        recordTagWrite('retag', r, ctx.jobId, {
          source: `${p.source.registry}/${p.source.repository}@${p.source.digest}`,
          forced: p.force,
        });
      },
    });
  };
}

/** Returns the copy job handler: a whole manifest via retag(), a subset via pushIndex(); the tag change logged as 'copy'. */
export function createCopyHandler(
  getClient: () => RegistryClient,
  getCache?: () => ContentCache,
): JobHandler<CopyParams, RetagResult | PushResult> {
  return (ctx) => {
    const p = ctx.params;
    const client = getClient();
    const log = (r: TagWrite) => {
      recordTagWrite('copy', r, ctx.jobId, {
        source: `${p.source.registry}/${p.source.repository}@${p.source.digest}`,
        whole: p.whole,
        platforms: p.platforms,
        forced: p.force,
      });
    };
    if (p.whole || !p.index) {
      return retag(client, p.source, [p.destination], {
        force: p.force,
        cache: getCache?.(),
        signal: ctx.signal,
        lockTags: storeTagLocker(ctx.signal),
        onStep: (step) => ctx.progress.upsertStep(step),
        onTagWritten: log,
      });
    }
    const from = { registry: p.source.registry, repository: p.source.repository };
    // The new list is read from the source list: hold it too while the list is written.
    const locker = storeTagLocker(ctx.signal);
    const sourceKey = digestReference(p.source, p.source.digest);
    return pushIndex(
      client,
      {
        index: {
          bytes: new TextEncoder().encode(p.index.json),
          mediaType: p.index.mediaType,
          digest: p.index.digest,
        },
        children: p.children.map((c) => ({ ...c, source: from })),
        destinations: [p.destination],
        force: p.force,
      },
      {
        cache: getCache?.(),
        signal: ctx.signal,
        lockTags: (keys, fn) => locker([sourceKey, ...keys], fn),
        onStep: (step) => ctx.progress.upsertStep(step),
        onIndexPushed: (r) => {
          if (r.changed) log(r);
        },
      },
    );
  };
}

/** Registers the 'retag' and 'copy' job kinds with a client getter (the server's shared client, or a test's). */
export function registerActionJobKinds(
  getClient: () => RegistryClient,
  getCache?: () => ContentCache,
): void {
  registerJobKind(RETAG_JOB, createRetagHandler(getClient, getCache), {
    parseParams: (raw) => retagParamsSchema.parse(raw),
    resources: retagJobResources,
  });
  registerJobKind(COPY_JOB, createCopyHandler(getClient, getCache), {
    parseParams: (raw) => copyParamsSchema.parse(raw),
    resources: copyJobResources,
  });
}
