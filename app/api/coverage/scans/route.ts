import { z } from 'zod';

import { listScans, scanParamsSchema, startScan } from '@/lib/coverage';
import { readerOf } from '@/lib/auth/reader';
import { catalogResource } from '@/lib/auth/resources';
import { FILTERED, json, route } from '@/lib/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans?registry=host -> { scans: ScanView[] }, newest first. */
export const GET = route(
  {
    query: z.object({ registry: registryHostSchema.optional() }),
    // Only the scans whose job the reader may see (pull on everything it reads).
    resources: FILTERED,
  },
  ({ query, principal }) => json({ scans: listScans(readerOf(principal), query.registry) }),
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
