'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { Button } from '@/components/ui/button';

import { actionKeys, recheckDeletePreview, type ImageId } from './api';

/** A coloured explanation box of the delete dialog (why deletes fail, what is unknown). */
export function Notice({
  tone,
  title,
  children,
  testId,
}: {
  tone: 'amber' | 'sky';
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  const colors =
    tone === 'amber'
      ? 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100'
      : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100';
  return (
    <div className={`rounded-md border p-3 ${colors}`} data-testid={testId}>
      <p className="font-semibold">{title}</p>
      <div className="mt-1 flex flex-col gap-1">{children}</div>
    </div>
  );
}

/** Explains a registry that refuses deletes, how to enable them, and asks it again on request. */
export function DeletesDisabled({ image }: { image: ImageId }) {
  const registry = image.registry;
  const queryClient = useQueryClient();
  // The server remembers the registry's answer for a few minutes; after enabling deletes, ask again.
  const recheck = useMutation({
    mutationFn: () => recheckDeletePreview(image),
    onSuccess: (data) => queryClient.setQueryData(actionKeys.deletePreview(image), data),
  });
  return (
    <Notice tone="amber" title={`${registry} has deletes disabled`} testId="deletes-disabled">
      <p>
        The registry answers every DELETE with <code className="font-mono">405 UNSUPPORTED</code>,
        so nothing can be deleted or untagged here. For the distribution registry, set{' '}
        <code className="font-mono">storage.delete.enabled: true</code> in its{' '}
        <code className="font-mono">config.yml</code> (or the environment variable{' '}
        <code className="font-mono">REGISTRY_STORAGE_DELETE_ENABLED=true</code>) and restart it.
      </p>
      <p>
        Docker Hub and GHCR do not allow deletes over the registry API at all: use their web UI.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={() => recheck.mutate()}
          disabled={recheck.isPending}
          data-testid="recheck-deletes"
        >
          {recheck.isPending ? 'Checking…' : 'Check again'}
        </Button>
        <span className="text-xs">Manifold remembers this answer for 5 minutes.</span>
        {recheck.error ? (
          <span role="alert" className="text-xs">
            {recheck.error.message}
          </span>
        ) : null}
      </div>
    </Notice>
  );
}
