import { z } from 'zod';

import { scanIdParams, scanTotals } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id]/totals?compare=<scan id> -> ScanTotals (per platform, with the change since `compare`). */
export const GET = route(
  {
    params: scanIdParams,
    query: z.object({ compare: z.string().min(1).max(200).optional() }),
    resources: scanResources('pull'),
  },
  ({ params, query }) => json(scanTotals(params.id, query.compare)),
);
