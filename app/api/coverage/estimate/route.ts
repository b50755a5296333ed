import { estimateScan, scanParamsSchema } from '@/lib/coverage';
import { catalogResource } from '@/lib/auth/resources';
import { json, route } from '@/lib/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/estimate { registry, scope, tagRule } -> ScanEstimate (repositories, tags, request budget). */
export const POST = route(
  {
    body: scanParamsSchema.extend({ registry: registryHostSchema }),
    resources: ({ body }) => [catalogResource(body.registry)],
  },
  async ({ body, signal }) => json(await estimateScan(getRegistryClient(), body, signal)),
);
