'use client';

import Link from 'next/link';

import { Modal } from '@/components/actions/modal';
import { AddToDraftPanel } from '@/components/drafts/add-to-draft-button';
import { imagePath, repositoryPath } from '@/lib/paths';

/**
 * "Fix a gap": the image of one row and the add-to-draft form, in one dialog (a panel with a
 * popover of its own stacked two overlays, one over the other's button).
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
    <Modal
      title="Fix a gap"
      testId="fix-panel"
      onClose={onClose}
      description="Add this image to a draft, then add the missing platforms to the draft and push it."
    >
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
      <AddToDraftPanel
        key={reference}
        reference={reference}
        platforms={undefined}
        onClose={onClose}
      />
    </Modal>
  );
}
