import pLimit from 'p-limit';

import { isAppError, ok, type Result } from '@/lib/errors';
import { parseReference } from '@/lib/registry';
import { getDraft, type StoredDraft } from '@/lib/store';

import { refuseDraftReads } from './ownership';
import { notFound, type DraftDeps } from './service';
import { toDraftView, type DraftProblem, type DraftView } from './view';

/**
 * Returns the problems of the entries' sources: SOURCE_MISSING (error) when the source repository
 * no longer holds the digest, SOURCE_UNREACHABLE (error) when its registry cannot be asked,
 * NO_SOURCE (error) when an entry does not say where it comes from. Never throws for registry errors.
 */
export async function checkSources(deps: DraftDeps, draft: StoredDraft): Promise<DraftProblem[]> {
  // Every entry at once, as a push copies them (the transport bounds connections per registry).
  const limit = pLimit(16);
  const problems = await Promise.all(
    draft.index.entries.map((e) =>
      limit(async (): Promise<DraftProblem | undefined> => {
        const digest = e.descriptor.digest;
        if (!e.source) {
          return {
            entry: digest,
            field: 'source',
            code: 'NO_SOURCE',
            severity: 'error',
            message:
              'This entry does not say which repository it comes from; remove it and add it again.',
          };
        }
        try {
          const ref = parseReference(e.source);
          const head = await deps.client.headManifest(
            ref,
            digest,
            deps.signal ? { signal: deps.signal } : {},
          );
          if (!head) {
            return {
              entry: digest,
              field: 'source',
              code: 'SOURCE_MISSING',
              severity: 'error',
              message: `${ref.registry}/${ref.repository} no longer holds ${digest}; it cannot be copied. Remove the entry or push the image again.`,
            };
          }
          return undefined;
        } catch (err) {
          if (!isAppError(err)) throw err;
          return {
            entry: digest,
            field: 'source',
            code: 'SOURCE_UNREACHABLE',
            severity: 'error',
            message: `The source ${e.source} cannot be checked: ${err.message}`,
          };
        }
      }),
    ),
  );
  return problems.filter((p): p is DraftProblem => p !== undefined);
}

/** Returns the draft's view with every problem, sources checked against their registries (HEAD each). */
export async function validateDraftForPush(
  deps: DraftDeps,
  id: string,
): Promise<Result<DraftView>> {
  const d = getDraft(id);
  if (!d) return notFound(id);
  const refused = refuseDraftReads(deps.require, d);
  if (refused) return refused;
  return ok(toDraftView(d, await checkSources(deps, d)));
}
