'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, draftQuery, draftsListQuery, type DraftView } from './api';
import { duplicateWarnings } from './duplicates';
import type { OfferedPlatform } from './add-to-draft-summary';

/** The select value that means "a new draft". */
export const NEW_DRAFT = '__new__';

function defaultDraftName(reference: string): string {
  const name = reference.split('@')[0] ?? reference;
  const repo = name.slice(name.indexOf('/') + 1);
  return repo.replace(/:[^/]*$/, '') || 'new draft';
}

/**
 * The "Add to draft" panel's state: which draft (the newest by default, or a new one by name),
 * which platforms, the warnings for platforms that draft already has, and the add itself.
 */
export function useAddToDraft(reference: string, platforms: OfferedPlatform[] | undefined) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string>('');
  const [newName, setNewName] = useState(() => defaultDraftName(reference));
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set((platforms ?? []).map((p) => p.digest)),
  );
  const drafts = useQuery(draftsListQuery());
  const list = drafts.data?.drafts ?? [];
  const selected = target || (list[0]?.id ?? NEW_DRAFT);
  const draft = useQuery({ ...draftQuery(selected), enabled: selected !== NEW_DRAFT });
  const warnings = duplicateWarnings(
    selected === NEW_DRAFT ? undefined : draft.data,
    (platforms ?? []).filter((p) => chosen.has(p.digest)),
  );

  const add = useMutation({
    mutationFn: async () => {
      let id = selected;
      if (id === NEW_DRAFT) {
        const created = await apiFetch<DraftView>('/api/drafts', {
          method: 'POST',
          body: { name: newName },
        });
        id = created.id;
      }
      const body = {
        reference,
        ...(platforms && platforms.length > 0 ? { platforms: [...chosen] } : {}),
      };
      return apiFetch<{ draft: DraftView; added: string[] }>(
        `/api/drafts/${encodeURIComponent(id)}/entries`,
        { method: 'POST', body },
      );
    },
    onSuccess: ({ draft: saved }) => {
      queryClient.setQueryData(draftKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      setTarget(saved.id);
    },
  });

  return { list, selected, setTarget, newName, setNewName, chosen, setChosen, warnings, add };
}
