// zod schemas of manifest JSON as registries serve it (unknown fields survive everywhere).
import { z } from 'zod';

import { isDigest } from './digest';

// OCI digest grammar (descriptor.md); registered algorithms are checked for their exact encoding.
const DIGEST_GRAMMAR_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

const digestSchema = z
  .string()
  .refine((d) => DIGEST_GRAMMAR_RE.test(d) && (!/^sha(256|512):/.test(d) || isDigest(d)), {
    message: 'invalid digest (expected algorithm:encoded, sha256 with 64 lowercase hex characters)',
  });

const annotationsSchema = z.record(z.string(), z.string());

/** zod schema of an OCI/Docker `platform` object; unknown fields survive. */
export const platformSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
  features: z.array(z.string()).optional(),
});

/** zod schema of a descriptor; unknown fields survive. */
export const descriptorSchema = z.looseObject({
  mediaType: z.string().min(1),
  digest: digestSchema,
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  urls: z.array(z.string()).optional(),
  annotations: annotationsSchema.optional(),
  data: z.string().optional(),
  artifactType: z.string().optional(),
  platform: platformSchema.optional(),
});

/** zod schema of an OCI image index or Docker manifest list (nested indexes allowed as children). */
export const indexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: annotationsSchema.optional(),
});

/** zod schema of an OCI image manifest or Docker v2 (schema2) manifest. */
export const imageManifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: annotationsSchema.optional(),
});

export type IndexJson = z.infer<typeof indexSchema>;
export type ImageManifestJson = z.infer<typeof imageManifestSchema>;
