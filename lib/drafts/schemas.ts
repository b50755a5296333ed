import { z } from 'zod';

/** zod schemas of the drafts API's request bodies (docs/api.md, "Drafts"). */

const format = z.enum(['oci', 'docker']);
/** A group the draft is shared with: its members may view and edit it. */
const group = z.string().trim().min(1, 'Name the group to share with').max(200);
const annotations = z.record(z.string().min(1).max(256), z.string().max(4096));

/** Platform fields set by hand (empty strings are ignored when adding, and clear a field when editing). */
export const platformInputSchema = z
  .object({
    os: z.string().max(64).optional(),
    architecture: z.string().max(64).optional(),
    variant: z.string().max(64).optional(),
    'os.version': z.string().max(128).optional(),
    'os.features': z.array(z.string().max(64)).max(32).optional(),
    features: z.array(z.string().max(64)).max(32).optional(),
  })
  .strict();

export const createDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the draft a name').max(200),
  format: format.optional(),
  from: z.string().max(600).optional(),
  sharedWith: group.optional(),
  destinations: z.array(z.string().trim().min(1).max(600)).max(20).optional(),
});

export const updateDraftSchema = z.object({
  name: z.string().trim().min(1, 'Give the draft a name').max(200).optional(),
  format: format.optional(),
  annotations: z.record(z.string().min(1).max(256), z.string().max(4096).nullable()).optional(),
  /** A group to share with; null stops sharing (owner or admin only). */
  sharedWith: group.nullable().optional(),
  revision: z.number().int().positive().optional(),
});

export const duplicateDraftSchema = z.object({ name: z.string().trim().max(200).optional() });

export const addEntrySchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Type an image reference, e.g. registry/repository:tag')
    .max(600),
  platforms: z.array(z.string().max(200)).max(500).optional(),
  platform: platformInputSchema.optional(),
  annotations: annotations.optional(),
  replace: z.boolean().optional(),
  revision: z.number().int().positive().optional(),
});

export const patchEntrySchema = z.object({
  /** New position in the index (0-based). */
  position: z.number().int().min(0).optional(),
  /** Platform fields to set ('' removes an optional field); null removes the platform. */
  platform: platformInputSchema.nullable().optional(),
  /** Annotations to set; null removes that key. */
  annotations: z.record(z.string().min(1).max(256), z.string().max(4096).nullable()).optional(),
  revision: z.number().int().positive().optional(),
});

export const previewSchema = z.object({
  destinations: z.array(z.string().max(600)).min(1, 'Enter at least one destination tag').max(20),
});

export const pushSchema = z.object({
  destinations: z
    .array(
      z.object({
        reference: z.string().min(1).max(600),
        expectedDigest: z.string().max(200).nullable(),
      }),
    )
    .min(1, 'Enter at least one destination tag')
    .max(20),
  force: z.boolean().optional(),
  revision: z.number().int().positive().optional(),
  indexDigest: z.string().max(200).optional(),
});

export const activityQuerySchema = z.object({
  registry: z.string().max(300).optional(),
  repository: z.string().max(300).optional(),
  tag: z.string().max(200).optional(),
  action: z
    .enum(['push', 'retag', 'copy', 'delete', 'untag', 'restore', 'remove-platform'])
    .optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** `[id]` of the drafts routes. */
export const draftParamsSchema = z.object({ id: z.string().min(1).max(200) });

/** `[id]/entries/[digest]` of the drafts routes. */
export const entryParamsSchema = draftParamsSchema.extend({ digest: z.string().min(1).max(200) });

/** A lenient positive number from a search parameter: anything else counts as absent. */
const optionalPositive = z
  .string()
  .optional()
  .transform((v) => Number(v) || undefined);

/** `?check=1` of GET /api/drafts/[id]. */
export const draftQuerySchema = z.object({ check: z.string().optional() });

/** `?revision=` of DELETE /api/drafts/[id]/entries/[digest]. */
export const entryDeleteQuerySchema = z.object({ revision: optionalPositive });

/** `?limit=` of GET /api/drafts/[id]/jobs (1 to 50, 5 when absent). */
export const draftJobsQuerySchema = z.object({
  limit: optionalPositive.transform((n) => Math.min(50, Math.max(1, n ?? 5))),
});

/** `?ref=` of GET /api/drafts/resolve. */
export const resolveQuerySchema = z.object({
  ref: z
    .string({ error: 'Type an image reference' })
    .trim()
    .min(1, 'Type an image reference')
    .max(600),
});
