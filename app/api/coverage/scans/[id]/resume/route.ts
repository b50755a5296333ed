import { resumeScan, scanIdParams } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/scans/[id]/resume -> 202 ScanView; a stopped scan goes on where it stopped. */
export const POST = route(
  { params: scanIdParams, resources: scanResources('push') },
  ({ params }) => {
    ensureJobKinds();
    return json(resumeScan(params.id), { status: 202 });
  },
);
