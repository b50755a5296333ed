import type { RegistryClient } from '@/lib/registry';

import { createRequestGate } from './gate';
import { scanParamsSchema, type ScanParamsInput } from './params';
import { literalTags } from './repository';
import { repositoryPages } from './scan';
import { estimateTagCount, isReferrerTag, selectTags } from './tag-rule';

/** The request budget shown before a scan starts. */
export interface ScanEstimate {
  repositories: number;
  catalogPages: number;
  /** Repositories whose tags were listed to estimate how many tags the rule picks. */
  sampled: number;
  tagsPerRepository: number;
  tags: number;
  /** True when the catalog lists more repositories than a scan reads (the listing caps). */
  truncated: boolean;
  /** Repository names outside the grammar, left out. */
  dropped: number;
  requests: {
    /** Nothing known yet: each tag's manifest and its children or config are read too. */
    firstScan: number;
    /** Every digest already known: the catalog, the tag lists and one HEAD per tag. */
    unchanged: number;
  };
}

/** Requests per tag the first time its content is seen: the manifest, then about two children or a config. */
const COLD_REQUESTS_PER_TAG = 3;
// Repositories whose tags are listed for the estimate, drawn from the whole catalog: the first few
// by name (a namespace of small tools before one of large products) once said 143 tags for 1,584.
const SAMPLE = 20;

/**
 * Returns the budget of a scan: the catalog is read (its pages are few), the tag lists of up to 20
 * repositories drawn from all of it are sampled (signature tags not counted). Throws the registry's error (UNSUPPORTED when it has no catalog).
 */
export async function estimateScan(
  client: RegistryClient,
  input: ScanParamsInput,
  signal?: AbortSignal,
): Promise<ScanEstimate> {
  const params = scanParamsSchema.parse(input);
  const gate = createRequestGate({
    concurrency: params.concurrency,
    ...(signal ? { signal } : {}),
  });
  let repositories = 0;
  let catalogPages = 0;
  let truncated = false;
  let dropped = 0;
  const sample: string[] = [];
  let seen = 0;
  for await (const page of repositoryPages(client, gate, params, signal)) {
    if (params.scope.kind !== 'repositories') catalogPages++;
    repositories += page.repositories.length;
    truncated ||= page.truncated;
    dropped += page.dropped;
    for (const r of page.repositories) {
      // Reservoir sampling: every repository seen so far is in the sample with equal chance.
      seen++;
      if (sample.length < SAMPLE) sample.push(r);
      else {
        const j = Math.floor(Math.random() * seen);
        if (j < SAMPLE) sample[j] = r;
      }
    }
  }
  const literal = literalTags(params.tagRule);
  let perRepo = literal?.length ?? 0;
  if (!literal && sample.length > 0) {
    const counts = await Promise.all(
      sample.map(async (repository) => {
        try {
          const page = await gate.run(() =>
            client.listTags(
              { registry: params.registry, repository },
              { n: 1000, ...(signal ? { signal } : {}) },
            ),
          );
          const released = page.tags.filter((t) => !isReferrerTag(t));
          const picked = selectTags(released, params.tagRule).length;
          return estimateTagCount(params.tagRule, picked);
        } catch {
          return 0;
        }
      }),
    );
    perRepo = counts.reduce((a, b) => a + b, 0) / counts.length;
  }
  const tags = Math.round(perRepo * repositories);
  const unchanged = catalogPages + (literal ? 0 : repositories) + tags;
  return {
    repositories,
    catalogPages,
    sampled: literal ? 0 : sample.length,
    tagsPerRepository: Math.round(perRepo * 10) / 10,
    tags,
    truncated,
    dropped,
    requests: { firstScan: unchanged + tags * COLD_REQUESTS_PER_TAG, unchanged },
  };
}
