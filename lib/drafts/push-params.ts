import { z } from 'zod';

import { repositoryResource, writeAction, type Resource } from '@/lib/auth/resources';

// What a push-draft job stores, and what it touches: read by the job runner to check who may
// see or retry the job (lib/jobs/access.ts) as its route checked who started it.

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

/** Returns what a push-draft job touches: pull on every child's source, a (forced: overwrite) write on each destination. */
export function pushDraftResources(p: PushDraftParams): Resource[] {
  return [
    ...p.children.map((c) => repositoryResource(c.source, 'pull')),
    ...p.destinations.map((d) => repositoryResource(d, writeAction(p.force))),
  ];
}
