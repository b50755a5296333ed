import { checkTargets, targetsResources } from '@/lib/actions';
import { checkTargetsSchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { ok } from '@/lib/errors';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** POST /api/images/targets `{ registry, repository, digest, references }`: what each tag the user typed holds now. */
export const POST = route(
  {
    body: checkTargetsSchema,
    // Each typed tag is read: a view of its repository is needed, wherever it resolves.
    resources: ({ body: { references, ...source } }) => targetsResources(source, references),
  },
  async ({ body: { references, ...source }, signal }) => {
    const result = await checkTargets(serverActionDeps(signal), source, references);
    return respond(result.ok ? ok({ targets: result.value }) : result);
  },
);
