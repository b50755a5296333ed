'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import { draftKeys, type DraftSummary, type DraftView } from './api';

/** One row of the drafts list: rename in place, duplicate, delete; each refreshes every draft query. */
export function useDraftRow(d: DraftSummary) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(d.name);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: draftKeys.all });
  const rename = useMutation({
    mutationFn: () =>
      apiFetch<DraftView>(`/api/drafts/${d.id}`, { method: 'PATCH', body: { name } }),
    onSuccess: () => {
      setRenaming(false);
      void invalidate();
    },
  });
  const duplicate = useMutation({
    mutationFn: () => apiFetch<DraftView>(`/api/drafts/${d.id}/duplicate`, { method: 'POST' }),
    onSuccess: () => void invalidate(),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/drafts/${d.id}`, { method: 'DELETE' }),
    onSuccess: () => void invalidate(),
  });
  return {
    renaming,
    setRenaming,
    name,
    setName,
    rename,
    duplicate,
    remove,
    error: rename.error ?? duplicate.error,
  };
}
