import { z } from 'zod';

import { listScans, scanParamsSchema, startScan } from '@/lib/coverage';
import { json, route } from '@/lib/http';
import { registryHostSchema } from '@/lib/server/browse-input';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans?registry=host -> { scans: ScanView[] }, newest first. */
export const GET = route(
  {
    query: z.object({ registry: registryHostSchema.optional() }),
    role: 'viewer',
    target: ({ query }) => (query.registry ? { registry: query.registry } : undefined),
  },
  ({ query }) => json({ scans: listScans(query.registry) }),
);

/** POST /api/coverage/scans { registry, scope, tagRule, concurrency } -> 202 ScanView (the scan runs as a job). */
export const POST = route(
  {
    body: scanParamsSchema.extend({ registry: registryHostSchema }),
    role: 'editor',
    target: ({ body }) => ({ registry: body.registry }),
  },
  ({ body }) => {
    ensureJobKinds();
    return json(startScan(body), { status: 202 });
  },
);
