'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/card';
import { deleteCommands, untagCommands } from '@/lib/actions/cli';
import { imagePath, repositoryPath } from '@/lib/paths';

import type { ImageId } from './api';
import { CliCommands } from './cli-commands';
import { DeletePreviewView } from './delete-preview';
import { Deleted, Untagged } from './delete-results';
import { short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import { useDelete } from './use-delete';

type Delete = ReturnType<typeof useDelete>;

function deleteLabel(d: Delete): string {
  const { preview } = d;
  if (d.del.isPending) return 'Deleting…';
  if (!preview) return 'Delete';
  const n = preview.tags.length;
  return `Delete ${d.what}${n ? ` and ${n} tag${n === 1 ? '' : 's'}` : ''}`;
}

function DeleteFooter({
  image,
  tag,
  d,
  onClose,
  close,
  untagOnly,
}: {
  image: ImageId;
  tag: string | undefined;
  d: Delete;
  onClose: () => void;
  close: () => void;
  untagOnly: boolean;
}) {
  const { preview, busy, disabled } = d;
  if (d.finished)
    return (
      <>
        <Link className="text-sm underline" href={repositoryPath(image.registry, image.repository)}>
          Open {image.repository}
        </Link>
        <Button onClick={close}>Close</Button>
      </>
    );
  return (
    <>
      <Button onClick={onClose}>Cancel</Button>
      {tag && preview && !disabled && preview.support.tags !== 'disabled' ? (
        <Button
          onClick={() => d.untag.mutate(false)}
          disabled={busy || !preview.tags.includes(tag)}
          data-testid="untag-button"
        >
          {d.untag.isPending ? 'Removing…' : `Untag :${tag} only`}
        </Button>
      ) : null}
      {untagOnly ? null : (
        <Button
          variant="danger"
          onClick={() => d.del.mutate(false)}
          disabled={busy || !preview || disabled}
          data-testid="confirm-delete"
        >
          {deleteLabel(d)}
        </Button>
      )}
    </>
  );
}

function DeleteBody({ image, tag, d }: { image: ImageId; tag: string | undefined; d: Delete }) {
  if (d.finished) return null;
  if (d.previewQ.isPending)
    return (
      <div className="flex flex-col gap-2" aria-label="Checking what the delete would remove">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  if (d.previewQ.error) return <ActionProblem error={d.previewQ.error} />;
  if (!d.preview) return null;
  return <DeletePreviewView image={image} tag={tag} preview={d.preview} what={d.what} />;
}

function DeleteDescription({
  image,
  d,
  untagOnly,
}: {
  image: ImageId;
  d: Delete;
  untagOnly: boolean;
}) {
  if (untagOnly) return <>Removes the tag only; the manifest and its other tags stay.</>;
  return (
    <>
      Deletes the {d.preview ? d.what : 'manifest'} by digest on{' '}
      <span className="font-mono">{image.registry}</span>.
    </>
  );
}

/**
 * Deletes a list or an image by digest on the registry (`regctl manifest delete`): every tag on
 * the digest is shown first (they all go) with the children that stay and which of them end up
 * untagged. Offers "untag only" for the tag being viewed, and explains registries that cannot
 * delete. Success is only shown once a HEAD confirms it.
 */
export function DeleteDialog({
  image,
  tag,
  insecure = false,
  onClose,
  untagOnly = false,
  stay = false,
  step,
}: {
  image: ImageId;
  tag?: string;
  insecure?: boolean;
  onClose: () => void;
  /** Offer only "Untag" (the tag list's Untag… for selected tags). */
  untagOnly?: boolean;
  /** Stay on the page behind when done (the tag list, which refreshes itself). */
  stay?: boolean;
  /** Where in a series of dialogs this one is ("2 of 3"). */
  step?: string;
}) {
  const router = useRouter();
  const d = useDelete(image, tag);
  const { deleted, untagged, busy } = d;
  const ref = `${image.registry}/${image.repository}@${image.digest}`;
  // The page behind showed what is now gone: leave it for what is still there.
  const close = () => {
    onClose();
    if (stay) return;
    if (deleted) router.replace(repositoryPath(image.registry, image.repository));
    else if (untagged) router.replace(imagePath(image.registry, image.repository, untagged.digest));
  };

  return (
    <Modal
      wide
      title={`${untagOnly && tag ? `Untag ${image.repository}:${tag}` : `Delete ${image.repository}@${short(image.digest)}`}${step ? ` (${step})` : ''}`}
      description={<DeleteDescription image={image} d={d} untagOnly={untagOnly} />}
      onClose={close}
      testId="delete-dialog"
      footer={
        <DeleteFooter
          image={image}
          tag={tag}
          d={d}
          onClose={onClose}
          close={close}
          untagOnly={untagOnly}
        />
      }
    >
      <DeleteBody image={image} tag={tag} d={d} />
      {d.del.error ? (
        <ActionProblem
          error={d.del.error}
          busy={busy}
          onReview={() => void d.previewQ.refetch()}
          onForce={() => d.del.mutate(true)}
          forceLabel="Delete anyway"
        />
      ) : null}
      {d.untag.error ? (
        <ActionProblem
          error={d.untag.error}
          busy={busy}
          onForce={() => d.untag.mutate(true)}
          forceLabel="Untag anyway"
        />
      ) : null}
      {deleted ? <Deleted image={image} deleted={deleted} /> : null}
      {untagged ? <Untagged image={image} untagged={untagged} /> : null}
      {untagOnly ? null : (
        <CliCommands
          summary="Equivalent commands: delete by digest"
          commands={deleteCommands(ref, { insecure })}
        />
      )}
      {tag ? (
        <CliCommands
          summary={`Equivalent commands: untag :${tag} only`}
          commands={untagCommands(`${image.registry}/${image.repository}:${tag}`, { insecure })}
        />
      ) : null}
    </Modal>
  );
}
