'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import { deletePreviewQuery, type DeleteResult, type ImageId, type UntagResult } from './api';
import { useActionRefresh } from './use-refresh';

/**
 * The delete dialog's state: the preview of what a delete removes, and the two ways out of it
 * (delete by digest with every tag, or untag only the tag being viewed), each remembered once done.
 */
export function useDelete(image: ImageId, tag: string | undefined) {
  const refresh = useActionRefresh();
  const previewQ = useQuery(deletePreviewQuery(image));
  const preview = previewQ.data;
  const [deleted, setDeleted] = useState<DeleteResult | null>(null);
  const [untagged, setUntagged] = useState<UntagResult | null>(null);

  const del = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<DeleteResult>('/api/images/delete', {
        method: 'POST',
        body: { ...image, seenTags: preview?.tags ?? [], force },
      }),
    onSuccess: (r) => {
      setDeleted(r);
      refresh([image], { page: false });
    },
  });
  const untag = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<UntagResult>('/api/images/untag', {
        method: 'POST',
        body: {
          registry: image.registry,
          repository: image.repository,
          tag,
          expectedDigest: image.digest,
          force,
          allowPlaceholder: preview?.support.tags === 'unsupported',
        },
      }),
    onSuccess: (r) => {
      setUntagged(r);
      refresh([image], { page: false });
    },
  });

  return {
    previewQ,
    preview,
    del,
    untag,
    deleted,
    untagged,
    disabled: preview?.support.manifests === 'disabled',
    busy: del.isPending || untag.isPending,
    finished: deleted !== null || untagged !== null,
    what: preview?.isIndex ? 'list' : 'image',
  };
}
