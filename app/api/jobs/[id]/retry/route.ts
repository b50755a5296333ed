import { z } from 'zod';

import { requireRole } from '@/lib/auth/guard';
import { readerOf } from '@/lib/auth/reader';
import { json, route } from '@/lib/http';
import { retryJob, retryResources } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/**
 * POST /api/jobs/[id]/retry: queues a failed or interrupted job again (same id); it skips what is
 * already done and now acts for the caller. The caller needs every action the job does (a forced
 * write: overwrite, so admin); 404 JOB_NOT_FOUND for a job they may not see.
 */
export const POST = route(
  {
    params: z.object({ id: z.string().min(1).max(200) }),
    resources: ({ params }, { principal }) => {
      // Every job writes somewhere: without an editor's grant nobody learns which ids exist.
      requireRole(principal, 'editor');
      ensureJobKinds();
      return retryResources(params.id, readerOf(principal));
    },
  },
  ({ params }) => {
    ensureJobKinds();
    return json(retryJob(params.id), { status: 202 });
  },
);
