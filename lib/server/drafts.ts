import 'server-only';

import { getConfig } from '@/lib/config';
import { draftSubject, getDraftView, listDrafts, type DraftView } from '@/lib/drafts';
import type { DraftSummary } from '@/lib/store';
import { listJobs, type Job } from '@/lib/jobs';

/** How many of a draft's latest push jobs its page starts with. */
const DRAFT_JOBS = 5;

/** Returns every draft, as the drafts page lists them. Reads the store. */
export function draftsPageData(): { drafts: DraftSummary[] } {
  return { drafts: listDrafts() };
}

/** What a draft's page starts with: the draft, its latest push jobs, the registry new references default to. */
export interface DraftPageData {
  draft: DraftView;
  jobs: Job[];
  defaultRegistry: string | undefined;
}

/** Returns a draft's page data, or undefined when there is no such draft. Reads the store. */
export function draftPageData(id: string): DraftPageData | undefined {
  const draft = getDraftView(id);
  if (!draft.ok) return undefined;
  return {
    draft: draft.value,
    jobs: listJobs({ subject: draftSubject(id), limit: DRAFT_JOBS }),
    defaultRegistry: getConfig().registries[0]?.host,
  };
}

/** Returns a draft's name for the page title, or undefined when there is no such draft. */
export function draftName(id: string): string | undefined {
  const draft = getDraftView(id);
  return draft.ok ? draft.value.name : undefined;
}
