import { draftSubject } from '@/lib/drafts/push';
import { draftJobsQuerySchema, draftParamsSchema } from '@/lib/drafts/schemas';
import { OWN, json, route } from '@/lib/http';
import { listJobs } from '@/lib/jobs';

export const dynamic = 'force-dynamic';

/** GET /api/drafts/[id]/jobs?limit=: the draft's push jobs, newest first (the first is the one the page shows). */
export const GET = route(
  { params: draftParamsSchema, query: draftJobsQuerySchema, resources: OWN, role: 'viewer' },
  ({ params, query }) =>
    json({ jobs: listJobs({ subject: draftSubject(params.id), limit: query.limit }) }),
);
