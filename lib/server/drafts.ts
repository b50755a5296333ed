import 'server-only';

import { canAccess, type Principal } from '@/lib/auth/guard';
import { resourceName } from '@/lib/auth/resources';
import type { Reader } from '@/lib/auth/visibility';
import { getConfig } from '@/lib/config';
import {
  draftReadResources,
  draftSubject,
  getDraftView,
  listDrafts,
  memberDraft,
  type DraftView,
} from '@/lib/drafts';
import { isAppError } from '@/lib/errors';
import type { DraftSummary } from '@/lib/store';
import { listJobs, visibleJobs, type Job } from '@/lib/jobs';

/** How many of a draft's latest push jobs its page starts with. */
const DRAFT_JOBS = 5;

/** Returns the drafts the reader may see, as the drafts page lists them (as GET /api/drafts does). Reads the store. */
export function draftsPageData(reader: Reader): { drafts: DraftSummary[] } {
  return { drafts: listDrafts(reader) };
}

/** What a draft's page starts with: the draft, its latest push jobs, the registry new references default to. */
export interface DraftPageData {
  draft: DraftView;
  jobs: Job[];
  defaultRegistry: string | undefined;
}

/**
 * Returns a draft's page data as GET /api/drafts/[id] answers it: undefined (not found) unless
 * the viewer owns it, is in its group or is an admin; `{ denied }` naming a repository it shows
 * that they may not pull. Reads the store.
 */
export function draftPageData(
  id: string,
  principal: Principal,
  reader: Reader,
): DraftPageData | { denied: string } | undefined {
  let stored;
  try {
    stored = memberDraft(id, reader);
  } catch (err) {
    if (isAppError(err)) return undefined;
    throw err;
  }
  const refused = draftReadResources(stored).find((r) => !canAccess(principal, r));
  if (refused)
    return {
      denied: `This draft shows ${resourceName(refused)}, which needs the viewer role there: ${principal.name} does not have it.`,
    };
  const draft = getDraftView(id);
  if (!draft.ok) return undefined;
  return {
    draft: draft.value,
    jobs: visibleJobs(reader, listJobs({ subject: draftSubject(id), limit: 50 })).slice(
      0,
      DRAFT_JOBS,
    ),
    defaultRegistry: getConfig().registries[0]?.host,
  };
}

/** Returns a draft's name for the page title, or undefined when the viewer may not see it (or it does not exist). */
export function draftName(id: string, principal: Principal, reader: Reader): string | undefined {
  const data = draftPageData(id, principal, reader);
  return data && 'draft' in data ? data.draft.name : undefined;
}
