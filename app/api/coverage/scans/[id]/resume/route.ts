import { readerOf } from '@/lib/auth/reader';
import { resumeScan, scanIdParams, visibleScan } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';
import { accessOf } from '@/lib/auth/guard';
import { retryResources } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** POST /api/coverage/scans/[id]/resume -> 202 ScanView; a stopped scan goes on where it stopped. */
export const POST = route(
  { params: scanIdParams, resources: scanResources('push') },
  ({ params, principal }) => {
    ensureJobKinds();
    // The scan's own resources (a list of repositories) are checked as a retry checks a job's.
    const reader = readerOf(principal);
    visibleScan(params.id, reader);
    accessOf(principal).require(retryResources(params.id, reader));
    return json(resumeScan(params.id), { status: 202 });
  },
);
