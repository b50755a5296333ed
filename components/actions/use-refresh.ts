'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';

import { queryKeys } from '@/lib/query/keys';

/**
 * Returns a function that refreshes what a mutation changed: the React Query data of each
 * repository touched (its tags, tag summaries, tag histories) and, unless told not to, the server
 * page (router.refresh()).
 */
export function useActionRefresh(): (
  repositories: Array<{ registry: string; repository: string }>,
  opts?: { page?: boolean },
) => void {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    (repositories, opts = {}) => {
      for (const r of repositories)
        void queryClient.invalidateQueries({
          queryKey: queryKeys.repository(r.registry, r.repository),
        });
      void queryClient.invalidateQueries({ queryKey: ['activity'] });
      if (opts.page !== false) router.refresh();
    },
    [queryClient, router],
  );
}
