import { cancelScan, scanIdParams } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/scans/[id]/cancel -> 202 ScanView; the scan stops and keeps what it stored. */
export const POST = route(
  { params: scanIdParams, resources: scanResources('push') },
  ({ params }) => json(cancelScan(params.id), { status: 202 }),
);
