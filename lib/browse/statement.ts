import { z } from 'zod';

/**
 * What an in-toto statement says that a person checks first: who built the image, from which
 * source and commit (SLSA provenance, v0.2 as BuildKit writes it and v1), and how many packages
 * an SBOM lists (SPDX, CycloneDX). Statements are untrusted JSON: every field is optional and
 * anything unexpected is left out rather than failing.
 */
export interface StatementFacts {
  predicateType?: string;
  builderId?: string;
  sourceRepository?: string;
  sourceCommit?: string;
  packageCount?: number;
}

const str = z.string().min(1).max(2048).optional().catch(undefined);
const digestSet = z.record(z.string(), z.string()).optional().catch(undefined);
const material = z.object({ uri: str, digest: digestSet }).passthrough();

const statementSchema = z
  .object({
    predicateType: str,
    predicate: z
      .object({
        builder: z.object({ id: str }).partial().optional().catch(undefined),
        invocation: z
          .object({ configSource: z.object({ uri: str, digest: digestSet }).partial() })
          .partial()
          .optional()
          .catch(undefined),
        materials: z.array(material).optional().catch(undefined),
        metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
        runDetails: z
          .object({ builder: z.object({ id: str }).partial() })
          .partial()
          .optional()
          .catch(undefined),
        buildDefinition: z
          .object({ resolvedDependencies: z.array(material).optional().catch(undefined) })
          .partial()
          .optional()
          .catch(undefined),
        packages: z.array(z.unknown()).optional().catch(undefined),
        components: z.array(z.unknown()).optional().catch(undefined),
      })
      .passthrough()
      .optional()
      .catch(undefined),
  })
  .passthrough();

const buildkitVcs = z
  .object({
    'https://mobyproject.org/buildkit@v1#metadata': z.object({
      vcs: z.object({ source: str, revision: str }).partial(),
    }),
  })
  .partial();

// A git source, as provenance names it: 'git+https://github.com/o/r@refs/heads/main' or plain.
function gitSource(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const cleaned = uri.replace(/^git\+/, '').replace(/@refs\/.*$/, '');
  return /^(https?|ssh|git):\/\//.test(cleaned) ? cleaned : undefined;
}

function commitOf(digest: Record<string, string> | undefined): string | undefined {
  const c = digest?.gitCommit ?? digest?.sha1;
  return c && /^[0-9a-f]{7,64}$/.test(c) ? c : undefined;
}

/** Returns the facts a statement states (builder, source repository and commit, SBOM package count); empty for anything else. Never throws. */
export function readStatement(json: unknown): StatementFacts {
  const parsed = statementSchema.safeParse(json);
  if (!parsed.success) return {};
  const { predicateType, predicate: p } = parsed.data;
  const facts: StatementFacts = predicateType ? { predicateType } : {};
  if (!p) return facts;
  const builderId = p.runDetails?.builder?.id ?? p.builder?.id;
  const vcs = buildkitVcs.safeParse(p.metadata ?? {}).data?.[
    'https://mobyproject.org/buildkit@v1#metadata'
  ]?.vcs;
  const deps = [...(p.buildDefinition?.resolvedDependencies ?? []), ...(p.materials ?? [])];
  const gitDep = deps.find((d) => gitSource(d.uri) !== undefined);
  const source =
    gitSource(vcs?.source) ?? gitSource(p.invocation?.configSource?.uri) ?? gitSource(gitDep?.uri);
  const commit =
    (vcs?.revision && /^[0-9a-f]{7,64}$/.test(vcs.revision) ? vcs.revision : undefined) ??
    commitOf(p.invocation?.configSource?.digest) ??
    commitOf(gitDep?.digest);
  const packages = p.packages ?? p.components;
  return {
    ...facts,
    ...(builderId ? { builderId } : {}),
    ...(source ? { sourceRepository: source } : {}),
    ...(commit ? { sourceCommit: commit } : {}),
    ...(packages ? { packageCount: packages.length } : {}),
  };
}
