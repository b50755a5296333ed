import { z } from 'zod';

import { AppError } from '@/lib/errors';
import { FILTERED, json, route } from '@/lib/http';
import { MAX_WATCH_MS, watchJob } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

const query = z.object({
  /** Wait up to this many ms for the job to change (a long poll); 0 or absent: answer at once. */
  wait: z.coerce.number().int().min(0).max(MAX_WATCH_MS).optional(),
  /** The job's `updatedAt` as the caller has it: answer when the job differs from it. */
  since: z.string().max(40).optional(),
});

/**
 * GET /api/jobs/[id]: the job with its status, progress (steps with bytes), result and error.
 * With `?wait=<ms>&since=<updatedAt>` it answers as soon as the job changed or finished (a long
 * poll), or after `wait` ms with the job unchanged.
 */
export const GET = route(
  {
    params: z.object({ id: z.string().min(1).max(200) }),
    query,
    resources: FILTERED,
    role: 'viewer',
  },
  async ({ params, query, signal }) => {
    ensureJobKinds();
    const job = await watchJob(params.id, {
      waitMs: query.wait ?? 0,
      ...(query.since !== undefined ? { since: query.since } : {}),
      signal,
    });
    if (!job) {
      if (signal.aborted) throw new AppError('ABORTED', 'The request was cancelled');
      throw new AppError('JOB_NOT_FOUND', `There is no job ${params.id}`);
    }
    return json(job, { headers: { 'cache-control': 'no-store' } });
  },
);
