import { readerOf } from '@/lib/auth/reader';
import { resumeScan, scanIdParams, visibleScan } from '@/lib/coverage';
import { scanResources } from '@/lib/coverage/resources';
import { json, route } from '@/lib/http';
import { retryResources } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/**
 * POST /api/coverage/scans/[id]/resume -> 202 ScanView; a stopped scan goes on where it stopped,
 * now for the caller, who needs what the scan does (as a job retry checks).
 */
export const POST = route(
  { params: scanIdParams, resources: scanResources('push') },
  ({ params, principal, access }) => {
    ensureJobKinds();
    // The scan's own resources (a list of repositories) are checked as a retry checks a job's.
    const reader = readerOf(principal);
    visibleScan(params.id, reader);
    access.require(retryResources(params.id, reader));
    return json(resumeScan(params.id), { status: 202 });
  },
);
