import { repositoryResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { pageInputSchema, registryHostSchema, repositorySchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

const query = pageInputSchema.extend({
  registry: registryHostSchema,
  repository: repositorySchema,
});

/** GET /api/tags?registry=&repository=&n=&cursor= -> `{ tags, next? }` (one page, in the registry's order). */
export const GET = route(
  {
    query,
    resources: ({ query }) => [repositoryResource(query, 'pull')],
  },
  async ({ query: { registry, repository, n, cursor }, signal }) => {
    const page = await getRegistryClient().listTags(
      { registry, repository },
      { n, cursor, signal },
    );
    return json({ tags: page.tags, ...(page.next ? { next: page.next } : {}) });
  },
);
