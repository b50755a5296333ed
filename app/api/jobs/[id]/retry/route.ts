import { z } from 'zod';

import { FILTERED, json, route } from '@/lib/http';
import { retryJob } from '@/lib/jobs';
import { ensureJobKinds } from '@/lib/server/jobs';

export const dynamic = 'force-dynamic';

/** POST /api/jobs/[id]/retry: queues a failed or interrupted job again (same id); it skips what is already done. */
export const POST = route(
  { params: z.object({ id: z.string().min(1).max(200) }), resources: FILTERED, role: 'editor' },
  ({ params }) => {
    ensureJobKinds();
    return json(retryJob(params.id), { status: 202 });
  },
);
