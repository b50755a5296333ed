'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, type DraftView } from './api';

/** The draft format a new draft asks for; 'auto' leaves it to the first images added. */
export type DraftFormatChoice = 'auto' | 'oci' | 'docker';

/** Creates a draft (empty, or from an existing list) and opens it once the server has it. */
export function useCreateDraft() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      name,
      format,
      from,
    }: {
      name: string;
      format: DraftFormatChoice;
      from: string;
    }) =>
      apiFetch<DraftView>('/api/drafts', {
        method: 'POST',
        body: {
          name,
          ...(format !== 'auto' ? { format } : {}),
          ...(from.trim() ? { from: from.trim() } : {}),
        },
      }),
    onSuccess: (draft) => {
      queryClient.setQueryData(draftKeys.detail(draft.id), draft);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      router.push(`/drafts/${draft.id}`);
    },
  });
}
