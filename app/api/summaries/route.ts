import { z } from 'zod';

import { repositoryResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { summarize, type TagSummary } from '@/lib/browse/tag-summary';
import { toPublicError } from '@/lib/errors';
import { inspect, isValidTag } from '@/lib/registry';
import { registryHostSchema, repositorySchema } from '@/lib/server/browse-input';
import { getContentCache, getRegistryClient } from '@/lib/server/registry';

/** The most tags one request summarises: about what a tall window shows, plus the overscan. */
const MAX_SUMMARY_BATCH = 50;

const query = z.object({
  registry: registryHostSchema,
  repository: repositorySchema,
  tags: z
    .string()
    .min(1, 'tags is required: a comma-separated list')
    .transform((s) => [...new Set(s.split(','))])
    .pipe(
      z
        .array(z.string().refine(isValidTag, 'Expected tags such as latest,1.0'))
        .max(MAX_SUMMARY_BATCH, `At most ${MAX_SUMMARY_BATCH} tags at once`),
    ),
});

type Entry = TagSummary | { error: ReturnType<typeof toPublicError> };

/**
 * GET /api/summaries?registry=&repository=&tags=a,b,c -> `{ summaries: { [tag]: TagSummary | { error } } }`:
 * the summaries of the rows a list shows, in one request (each tag resolved with one GET, the
 * rest from the cache by digest); a tag that fails carries its own public error.
 */
export const GET = route(
  {
    query,
    resources: ({ query }) => [repositoryResource(query, 'pull')],
  },
  async ({ query: { registry, repository, tags }, signal, timing }) => {
    const client = getRegistryClient();
    const cache = getContentCache();
    const entries = await timing.measure('inspect', () =>
      Promise.all(
        tags.map(async (tag): Promise<[string, Entry]> => {
          try {
            const result = await inspect(client, { registry, repository, tag }, { signal, cache });
            return [tag, summarize(result)];
          } catch (err) {
            return [tag, { error: toPublicError(err) }];
          }
        }),
      ),
    );
    return json({ summaries: Object.fromEntries(entries) });
  },
);
