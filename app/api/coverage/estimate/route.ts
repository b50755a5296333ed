import { estimateScan, scanParamsSchema } from '@/lib/coverage';
import { json, route } from '@/lib/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/estimate { registry, scope, tagRule } -> ScanEstimate (repositories, tags, request budget). */
export const POST = route(
  {
    body: scanParamsSchema.extend({ registry: registryHostSchema }),
    role: 'viewer',
    target: ({ body }) => ({ registry: body.registry }),
  },
  async ({ body, signal }) => json(await estimateScan(getRegistryClient(), body, signal)),
);
