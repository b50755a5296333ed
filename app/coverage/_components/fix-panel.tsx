'use client';

import Link from 'next/link';

import { AddToDraftButton } from '@/components/drafts/add-to-draft-button';
import { Button } from '@/components/ui/button';
import { imagePath, repositoryPath } from '@/lib/paths';

/**
 * "Fix a gap": the image of one row, with Add to draft already open. Fixed to the viewport so the
 * draft picker is never clipped by the table's scroll box.
 */
export function FixPanel({
  registry,
  repository,
  tag,
  onClose,
}: {
  registry: string;
  repository: string;
  tag: string;
  onClose: () => void;
}) {
  const reference = `${registry}/${repository}:${tag}`;
  return (
    <aside
      aria-label="Fix a gap"
      className="fixed top-16 right-2 left-2 z-30 flex flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-xl sm:left-auto sm:w-96 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-mono text-xs break-all">{reference}</p>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close fix panel">
          ✕
        </Button>
      </div>
      <p className="flex gap-3">
        <Link
          href={imagePath(registry, repository, tag)}
          className="text-sky-700 underline dark:text-sky-400"
        >
          Open image
        </Link>
        <Link
          href={repositoryPath(registry, repository)}
          className="text-sky-700 underline dark:text-sky-400"
        >
          Open repository
        </Link>
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        Add this image to a draft, then add the missing platforms to the draft and push it.
      </p>
      <AddToDraftButton key={reference} reference={reference} defaultOpen />
    </aside>
  );
}
