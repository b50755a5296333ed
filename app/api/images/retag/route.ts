import { NextResponse, type NextRequest } from 'next/server';

import { startRetag } from '@/lib/actions';
import { retagSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { handle, readBody, respond } from '@/lib/drafts/http';
import { getJob, waitForJob } from '@/lib/jobs';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/retag `{ registry, repository, digest, targets: [{ reference, expectedDigest }], force? }`:
 * starts a 'retag' job and answers it once finished (200), or still running after a few seconds (202).
 */
export async function POST(req: NextRequest): Promise<NextResponse> {
  return handle(async () => {
    const body = await readBody(req, retagSchema);
    if ('response' in body) return body.response;
    const { targets, force, ...source } = body.data;
    const started = await startRetag(serverActionDeps(req.signal), {
      source,
      targets,
      ...(force !== undefined ? { force } : {}),
    });
    if (!started.ok) return respond(started);
    const job = await waitForJob(started.value.job.id, 8_000).catch(
      () => getJob(started.value.job.id) ?? started.value.job,
    );
    const finished =
      job.status === 'succeeded' || job.status === 'failed' || job.status === 'interrupted';
    return NextResponse.json({ job }, { status: finished ? 200 : 202 });
  });
}
