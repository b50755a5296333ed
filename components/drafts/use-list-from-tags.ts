'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { suggestListTag } from '@/lib/drafts/list-tag';
import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, type DraftView } from './api';

async function addTags(id: string, references: readonly string[]): Promise<DraftView | undefined> {
  let last: DraftView | undefined;
  // One after another: each add bumps the draft's revision, and the order is the list's order.
  for (const reference of references) {
    const r = await apiFetch<{ draft: DraftView; added: string[] }>(
      `/api/drafts/${encodeURIComponent(id)}/entries`,
      { method: 'POST', body: { reference } },
    );
    last = r.draft;
  }
  return last;
}

/**
 * "Make a list from these" (`podman manifest create l a b c`): a new draft holding the tags'
 * images in order, its destination prefilled with the tags' shared name in the same repository,
 * then opened. A tag that cannot be added stops it and says which; the draft made so far stays.
 */
export function useListFromTags(host: string, repository: string, tags: readonly string[]) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const listTag = suggestListTag(tags);
  const destination = `${host}/${repository}:${listTag}`;
  return {
    destination,
    make: useMutation({
      mutationFn: async () => {
        const draft = await apiFetch<DraftView>('/api/drafts', {
          method: 'POST',
          body: { name: `${repository}:${listTag}`, destinations: [destination] },
        });
        try {
          await addTags(
            draft.id,
            tags.map((t) => `${host}/${repository}:${t}`),
          );
        } finally {
          void queryClient.invalidateQueries({ queryKey: draftKeys.all });
        }
        return draft.id;
      },
      onSuccess: (id) => router.push(`/drafts/${id}`),
    }),
  };
}

/** "Add to draft" for several tags at once: each tag's image (a list: all its platforms) into one draft. */
export function useAddTagsToDraft(host: string, repository: string, tags: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      addTags(
        id,
        tags.map((t) => `${host}/${repository}:${t}`),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: draftKeys.all }),
  });
}
