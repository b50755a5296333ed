import { openDraft } from '@/lib/drafts';
import { draftSubject } from '@/lib/drafts/push';
import { draftJobsQuerySchema, draftParamsSchema } from '@/lib/drafts/schemas';
import { draftCaller } from '@/lib/drafts/server';
import { OWN, json, route } from '@/lib/http';
import { listJobs, visibleJobs } from '@/lib/jobs';

export const dynamic = 'force-dynamic';

/**
 * GET /api/drafts/[id]/jobs?limit=: the draft's push jobs the caller may see, newest first (the
 * first is the one the page shows). 404 for a draft the caller may not open.
 */
export const GET = route(
  { params: draftParamsSchema, query: draftJobsQuerySchema, resources: OWN, role: 'viewer' },
  ({ params, query, principal }) => {
    const caller = draftCaller(principal);
    openDraft(params.id, caller);
    const jobs = listJobs({ subject: draftSubject(params.id), limit: 50 });
    return json({ jobs: visibleJobs(caller.reader, jobs).slice(0, query.limit) });
  },
);
