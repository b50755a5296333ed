import { getScan, scanIdParams, scanTarget } from '@/lib/coverage';
import { json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/coverage/scans/[id] -> ScanView (status, counters, progress message, error). */
export const GET = route(
  { params: scanIdParams, role: 'viewer', target: scanTarget },
  ({ params }) => json(getScan(params.id)),
);
