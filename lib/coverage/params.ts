import { z } from 'zod';

import { globCheck, type GlobSyntax } from '@/lib/glob';

/** Tag rules' wildcards: `*` any run, `?` one character, case as typed (tags are case-sensitive). */
export const TAG_GLOB: GlobSyntax = { question: true };

/** Which repositories a scan covers: the whole catalog, one namespace of it, or a named list. */
export const scanScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registry') }),
  z.object({
    kind: z.literal('namespace'),
    namespace: z
      .string()
      .trim()
      .min(1, 'namespace is required')
      .max(255)
      .transform((s) => s.replace(/\/+$/, '')),
  }),
  z.object({
    kind: z.literal('repositories'),
    repositories: z.array(z.string().trim().min(1).max(255)).min(1).max(10_000),
  }),
]);
export type ScanScope = z.infer<typeof scanScopeSchema>;

/** One tag pattern: `*` any run, `?` one character, capped so matching stays cheap. */
const tagPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .superRefine(globCheck('Tag pattern', TAG_GLOB));

/**
 * Which tags of each repository are scanned: all of them, the newest N (by version order, or by
 * the created date of what they point at), or those matching glob patterns (`latest`, `v*`).
 */
export const tagRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('newest'),
    n: z.number().int().min(1).max(1000),
    by: z.enum(['version', 'date']),
  }),
  z.object({
    kind: z.literal('pattern'),
    patterns: z.array(tagPatternSchema).min(1).max(32),
  }),
]);
export type TagRule = z.infer<typeof tagRuleSchema>;

export const MAX_SCAN_CONCURRENCY = 32;
export const DEFAULT_SCAN_CONCURRENCY = 8;

/** What a scan job is started with. */
export const scanParamsSchema = z.object({
  registry: z.string().trim().min(1, 'registry is required').max(255),
  scope: scanScopeSchema.default({ kind: 'registry' }),
  tagRule: tagRuleSchema.default({ kind: 'all' }),
  /** Registry requests in flight at once for this scan. */
  concurrency: z.number().int().min(1).max(MAX_SCAN_CONCURRENCY).default(DEFAULT_SCAN_CONCURRENCY),
});
export type ScanParams = z.infer<typeof scanParamsSchema>;
export type ScanParamsInput = z.input<typeof scanParamsSchema>;
