import { getScan, scanIdParams, scanResources } from '@/lib/coverage';
import { json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id] -> ScanView (status, counters, progress message, error). */
export const GET = route({ params: scanIdParams, resources: scanResources('pull') }, ({ params }) =>
  json(getScan(params.id)),
);
