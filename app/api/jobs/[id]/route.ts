import { z } from 'zod';

import { AppError } from '@/lib/errors';
import { json, route } from '@/lib/http';
import { getJob } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/[id]: the job with its status, progress (steps with bytes), result and error. */
export const GET = route(
  { params: z.object({ id: z.string().min(1).max(200) }), role: 'viewer' },
  ({ params }) => {
    ensureJobKinds();
    const job = getJob(params.id);
    if (!job) throw new AppError('JOB_NOT_FOUND', `There is no job ${params.id}`);
    return json(job, { headers: { 'cache-control': 'no-store' } });
  },
);
