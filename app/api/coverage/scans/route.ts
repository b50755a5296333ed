import { z } from 'zod';

import { listScans, scanParamsSchema, startScan } from '@/lib/coverage';
import { catalogResource } from '@/lib/auth/resources';
import { FILTERED, json, route } from '@/lib/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans?registry=host -> { scans: ScanView[] }, newest first. */
export const GET = route(
  {
    query: z.object({ registry: registryHostSchema.optional() }),
    // authz-owner: rows are to be filtered to the registries the reader holds a grant on.
    resources: FILTERED,
  },
  ({ query }) => json({ scans: listScans(query.registry) }),
);

/** POST /api/coverage/scans { registry, scope, tagRule, concurrency } -> 202 ScanView (the scan runs as a job). */
export const POST = route(
  {
    body: scanParamsSchema.extend({ registry: registryHostSchema }),
    // A scan reads the catalog and stores what it finds there: editor on that registry.
    resources: ({ body }) => [
      catalogResource(body.registry, 'pull'),
      catalogResource(body.registry, 'push'),
    ],
  },
  ({ body }) => {
    ensureJobKinds();
    return json(startScan(body), { status: 202 });
  },
);
