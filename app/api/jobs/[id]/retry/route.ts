import { z } from 'zod';

import { readerOf } from '@/lib/auth/reader';
import { FILTERED, json, route } from '@/lib/http';
import { retryJob, retryResources } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/**
 * POST /api/jobs/[id]/retry: queues a failed or interrupted job again (same id); it skips what is
 * already done and now acts for the caller. The caller needs every action the job does, checked
 * anew (a forced write is an overwrite: admin): 404 JOB_NOT_FOUND for a job they may not see, as
 * for an unknown id, else 403 FORBIDDEN naming what they may not do.
 */
export const POST = route(
  // Which resources is known only once the job is read: the handler checks them, before any work.
  { params: z.object({ id: z.string().min(1).max(200) }), resources: FILTERED, role: 'editor' },
  ({ params, principal, access }) => {
    ensureJobKinds();
    access.require(retryResources(params.id, readerOf(principal)));
    return json(retryJob(params.id), { status: 202 });
  },
);
