import { retagResources, startRetag } from '@/lib/actions';
import { retagSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { json, respond, route } from '@/lib/http';
import { getJob, waitForJob } from '@/lib/jobs';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/retag `{ registry, repository, digest, targets: [{ reference, expectedDigest }], force? }`:
 * starts a 'retag' job and answers it once finished (200), or still running after a few seconds (202).
 */
export const POST = route(
  {
    body: retagSchema,
    // Every target, resolved relative to the source as the job will write it, in any repository
    // or registry it lands in.
    resources: ({ body: { targets, force, ...source } }) =>
      retagResources({ source, targets, force }),
  },
  async ({ body, signal }) => {
    const { targets, force, ...source } = body;
    const started = await startRetag(serverActionDeps(signal), {
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
    return json({ job }, { status: finished ? 200 : 202 });
  },
);
