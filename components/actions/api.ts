/**
 * Browser side of the image-action API: request helpers and React Query keys. Types come from lib
 * (type-only imports: nothing server-side reaches the bundle).
 */
import { queryOptions } from '@tanstack/react-query';

import type {
  CopyPreview,
  DeletePreview,
  DeleteResult,
  RemovePlatformPreview,
  RemovePlatformResult,
  RestoreResult,
  TagHistory,
  TargetState,
} from '@/lib/actions';
import type { Job } from '@/lib/jobs';
import type { UntagResult } from '@/lib/registry';
import { apiFetch } from '@/lib/query/api-fetch';
import { queryKeys } from '@/lib/query/keys';

export type {
  CopyPreview,
  DeletePreview,
  DeleteResult,
  Job,
  RemovePlatformPreview,
  RemovePlatformResult,
  RestoreResult,
  TagHistory,
  TargetState,
  UntagResult,
};

/** A manifest by digest, as the action requests name it. */
export interface ImageId {
  registry: string;
  repository: string;
  digest: string;
}

export const actionKeys = {
  /** Under the repository key, so invalidating a repository refreshes its tags' histories too. */
  history: (registry: string, repository: string, tag: string) =>
    [...queryKeys.repository(registry, repository), 'history', tag] as const,
  /** Not under the repository key: a delete invalidates the repository, and must not re-ask what it would delete. */
  deletePreview: (image: ImageId) =>
    ['image-actions', 'delete-preview', image.registry, image.repository, image.digest] as const,
};

/** Returns the query options of a tag's history (with whether each earlier digest still exists). */
export function historyQuery(registry: string, repository: string, tag: string) {
  const q = new URLSearchParams({ registry, repository, tag });
  return queryOptions({
    queryKey: actionKeys.history(registry, repository, tag),
    queryFn: ({ signal }) =>
      apiFetch<TagHistory>(`/api/images/history?${q.toString()}`, { signal }),
    staleTime: 0,
  });
}

/** Returns the delete preview after asking the registry again whether it allows deletes (not the remembered answer). */
export function recheckDeletePreview(image: ImageId): Promise<DeletePreview> {
  const q = new URLSearchParams({
    registry: image.registry,
    repository: image.repository,
    digest: image.digest,
    recheck: '1',
  });
  return apiFetch<DeletePreview>(`/api/images/delete-preview?${q.toString()}`);
}

/** Returns the query options of the delete preview (tags that go, children that stay, registry support). */
export function deletePreviewQuery(image: ImageId) {
  const q = new URLSearchParams({
    registry: image.registry,
    repository: image.repository,
    digest: image.digest,
  });
  return queryOptions({
    queryKey: actionKeys.deletePreview(image),
    queryFn: ({ signal }) =>
      apiFetch<DeletePreview>(`/api/images/delete-preview?${q.toString()}`, { signal }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
