import {
  repositoryResource,
  uniqueResources,
  writeAction,
  type Action,
  type Resource,
} from '@/lib/auth/resources';

import { COPY_JOB, RETAG_JOB, copyParamsSchema, retagParamsSchema } from './jobs';
import type { ImageSource } from './retag';
import { resolveTagRefs } from './targets';

/**
 * What each image action reads and writes once the tags the user typed are resolved (relative to
 * the source, with the same resolver the action runs): its route declares exactly these, so the
 * door checks every repository, on every registry, before a registry is asked.
 */

type Repo = { registry: string; repository: string };

/** Returns the one resource of an action on the image's own repository (delete, untag, history...). */
export function imageResources(image: Repo, action: Action): Resource[] {
  return [repositoryResource(image, action)];
}

/** Returns a retag's resources: pull on the source, push (overwrite when forced) on each target. Throws INVALID_REFERENCE for a bad tag. */
export function retagResources(input: {
  source: ImageSource;
  targets: ReadonlyArray<{ reference: string }>;
  force?: boolean | undefined;
}): Resource[] {
  const targets = resolveTagRefs(
    input.targets.map((t) => t.reference),
    input.source,
    'targets',
  );
  const write = writeAction(input.force);
  return uniqueResources([
    repositoryResource(input.source, 'pull'),
    ...targets.map((t) => repositoryResource(t, write)),
  ]);
}

/** Returns the resources of a check of typed tags: pull on the source and on every tag it reads. Throws INVALID_REFERENCE for a bad tag. */
export function targetsResources(source: ImageSource, references: readonly string[]): Resource[] {
  const targets = resolveTagRefs(references, source, 'targets');
  return uniqueResources([
    repositoryResource(source, 'pull'),
    ...targets.map((t) => repositoryResource(t, 'pull')),
  ]);
}

/**
 * Returns a copy's resources: pull on the source, and on the destination push (overwrite when
 * forced), or only pull for a preview (`write: false`). Throws INVALID_REFERENCE for a bad tag.
 */
export function copyResources(input: {
  source: ImageSource;
  destination: string;
  force?: boolean | undefined;
  write: boolean;
}): Resource[] {
  const [destination] = resolveTagRefs([input.destination], input.source, 'destination');
  const action: Action = input.write ? writeAction(input.force) : 'pull';
  return uniqueResources([
    repositoryResource(input.source, 'pull'),
    ...(destination ? [repositoryResource(destination, action)] : []),
  ]);
}

/**
 * Returns what a stored retag or copy job reads and writes, from its params (already resolved when
 * it started): pull on the source, push (overwrite when forced) on each tag it writes. Undefined
 * for another kind. For checking who may view or retry the job as its route checked who started it.
 */
export function imageJobResources(kind: string, params: unknown): Resource[] | undefined {
  if (kind === RETAG_JOB) {
    const p = retagParamsSchema.parse(params);
    const write = writeAction(p.force);
    return uniqueResources([
      repositoryResource(p.source, 'pull'),
      ...p.targets.map((t) => repositoryResource(t, write)),
    ]);
  }
  if (kind === COPY_JOB) {
    const p = copyParamsSchema.parse(params);
    return uniqueResources([
      repositoryResource(p.source, 'pull'),
      repositoryResource(p.destination, writeAction(p.force)),
    ]);
  }
  return undefined;
}
