import { z } from 'zod';

import { isDigest, isValidRepository, isValidTag } from '@/lib/registry';

/** zod schemas of the image-action API's request bodies and queries (docs/api.md, "Image actions"). */

const HOST_RE =
  /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/;

const registry = z
  .string()
  .max(255)
  .regex(HOST_RE, 'Expected a registry host such as localhost:5000');
const repository = z
  .string()
  .refine(isValidRepository, 'Expected a repository name such as demo/shazam');
const digest = z.string().refine(isDigest, 'Expected a sha256 digest');
const tag = z.string().refine(isValidTag, 'Expected a tag');
const reference = z.string().trim().min(1, 'Enter a tag').max(600);
const force = z.boolean().optional();

/** `{ registry, repository, digest }`: a manifest by digest. */
export const imageSchema = z.object({ registry, repository, digest });

export const checkTargetsSchema = imageSchema.extend({
  references: z.array(reference).min(1, 'Enter at least one tag').max(20),
});

export const retagSchema = imageSchema.extend({
  targets: z
    .array(z.object({ reference, expectedDigest: digest.nullable() }))
    .min(1, 'Enter at least one tag')
    .max(20),
  force,
});

export const copyPreviewSchema = imageSchema.extend({
  destination: reference,
  platforms: z.array(digest).min(1, 'Choose at least one platform').max(256).optional(),
});

export const copySchema = copyPreviewSchema.extend({
  expectedDigest: digest.nullable(),
  indexDigest: digest.optional(),
  force,
});

export const deleteSchema = imageSchema.extend({
  seenTags: z.array(tag).max(5000).optional(),
  force,
});

export const untagSchema = z.object({
  registry,
  repository,
  tag,
  expectedDigest: digest,
  force,
  allowPlaceholder: z.boolean().optional(),
});

export const removePlatformSchema = z.object({
  registry,
  repository,
  tag,
  expectedDigest: digest,
  platform: digest,
  force,
  /** Only compute the new list (its JSON and digest); write nothing. */
  preview: z.boolean().optional(),
});

export const historyQuerySchema = z.object({
  registry,
  repository,
  tag,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const restoreSchema = z.object({
  registry,
  repository,
  tag,
  digest,
  expectedDigest: digest.nullable(),
  force,
});

/** `?registry=&repository=&digest=&recheck=1` of GET /api/images/delete-preview. */
export const deletePreviewQuerySchema = imageSchema.extend({ recheck: z.string().optional() });
