'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiFetch, type ApiFetchInit } from '@/lib/query/api-fetch';
import { draftKeys, type DraftView } from './api';

/**
 * Returns a mutation that sends one change of a draft and puts the draft the server answers into
 * the cache (every draft endpoint answers with the updated draft, or `{ draft }`).
 */
export function useDraftMutation<V>(
  draftId: string,
  request: (vars: V) => { url: string; method: ApiFetchInit['method']; body?: unknown },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: V) => {
      const { url, method, body } = request(vars);
      const answer = await apiFetch<DraftView | { draft: DraftView }>(url, {
        ...(method ? { method } : {}),
        ...(body !== undefined ? { body } : {}),
      });
      return 'draft' in answer ? answer.draft : answer;
    },
    onSuccess: (draft) => {
      queryClient.setQueryData(draftKeys.detail(draftId), draft);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
    },
  });
}

/** Returns the draft's API URL. */
export function draftUrl(id: string, rest = ''): string {
  return `/api/drafts/${encodeURIComponent(id)}${rest}`;
}
