import { getScan, scanIdParams } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id] -> ScanView (status, counters, progress message, error). */
export const GET = route({ params: scanIdParams, resources: scanResources('pull') }, ({ params }) =>
  json(getScan(params.id)),
);
