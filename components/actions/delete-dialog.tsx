'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/card';
import { deleteCommands, untagCommands } from '@/lib/actions/cli';
import { imagePath, repositoryPath } from '@/lib/paths';

import { apiFetch } from '@/lib/query/api-fetch';
import {
  actionKeys,
  deletePreviewQuery,
  recheckDeletePreview,
  type DeletePreview,
  type DeleteResult,
  type ImageId,
  type UntagResult,
} from './api';
import { CliCommands } from './cli-commands';
import { short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import { useActionRefresh } from './use-refresh';

function Notice({
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

function DeletesDisabled({ image }: { image: ImageId }) {
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

function TagChips({ tags }: { tags: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags removed">
      {tags.map((t) => (
        <li key={t}>
          <Badge tone="red">
            <span className="font-mono">:{t}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}

function Children({ preview }: { preview: DeletePreview }) {
  const orphans = preview.children.filter((c) => c.orphaned).length;
  return (
    <section className="flex flex-col gap-2" aria-label="Images in the list">
      <p>
        <span className="font-medium">
          Its {preview.children.length} entries stay in the repository
        </span>{' '}
        (deleting a list never deletes its images).{' '}
        {orphans > 0 ? (
          <span data-testid="orphan-count">
            {orphans === preview.children.length
              ? orphans === 1
                ? 'It will be left without a tag.'
                : `All ${orphans} will be left without a tag.`
              : `${orphans} of them will be left without a tag.`}
          </span>
        ) : (
          'Each of them is still tagged or listed elsewhere.'
        )}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-2 font-medium">Entry</th>
              <th className="py-1 pr-2 font-medium">Digest</th>
              <th className="py-1 font-medium">After the delete</th>
            </tr>
          </thead>
          <tbody>
            {preview.children.map((c) => (
              <tr
                key={c.digest}
                className="border-t border-zinc-200 dark:border-zinc-800"
                data-testid="delete-child"
                data-orphaned={c.orphaned}
              >
                <td className="py-1 pr-2 font-mono">{c.label}</td>
                <td className="py-1 pr-2 font-mono" title={c.digest}>
                  {short(c.digest)}
                </td>
                <td className="py-1">
                  {c.tags.length ? (
                    <span>
                      still tagged{' '}
                      <span className="font-mono">{c.tags.map((t) => `:${t}`).join(' ')}</span>
                    </span>
                  ) : c.usedBy.length ? (
                    <span>
                      still in{' '}
                      <span className="font-mono">{c.usedBy.map((t) => `:${t}`).join(' ')}</span>
                    </span>
                  ) : (
                    <Badge tone="amber">left without a tag</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {orphans > 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Untagged images stay reachable by digest, but registry garbage collection run with{' '}
          <code className="font-mono">--delete-untagged</code> removes them.
        </p>
      ) : null}
    </section>
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
}: {
  image: ImageId;
  tag?: string;
  insecure?: boolean;
  onClose: () => void;
}) {
  const refresh = useActionRefresh();
  const router = useRouter();
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

  const ref = `${image.registry}/${image.repository}@${image.digest}`;
  const disabled = preview?.support.manifests === 'disabled';
  const busy = del.isPending || untag.isPending;
  const finished = deleted !== null || untagged !== null;
  const otherTags = preview && tag ? preview.tags.filter((t) => t !== tag) : [];
  const what = preview?.isIndex ? 'list' : 'image';
  // The page behind showed what is now gone: leave it for what is still there.
  const close = () => {
    onClose();
    if (deleted) router.replace(repositoryPath(image.registry, image.repository));
    else if (untagged) router.replace(imagePath(image.registry, image.repository, untagged.digest));
  };

  return (
    <Modal
      wide
      title={`Delete ${image.repository}@${short(image.digest)}`}
      description={
        <>
          Deletes the {preview ? what : 'manifest'} by digest on{' '}
          <span className="font-mono">{image.registry}</span>.
        </>
      }
      onClose={close}
      testId="delete-dialog"
      footer={
        finished ? (
          <>
            <Link
              className="text-sm underline"
              href={repositoryPath(image.registry, image.repository)}
            >
              Open {image.repository}
            </Link>
            <Button onClick={close}>Close</Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            {tag && preview && !disabled && preview.support.tags !== 'disabled' ? (
              <Button
                onClick={() => untag.mutate(false)}
                disabled={busy || !preview.tags.includes(tag)}
                data-testid="untag-button"
              >
                {untag.isPending ? 'Removing…' : `Untag :${tag} only`}
              </Button>
            ) : null}
            <Button
              variant="danger"
              onClick={() => del.mutate(false)}
              disabled={busy || !preview || disabled}
              data-testid="confirm-delete"
            >
              {del.isPending
                ? 'Deleting…'
                : preview
                  ? `Delete ${what}${preview.tags.length ? ` and ${preview.tags.length} tag${preview.tags.length === 1 ? '' : 's'}` : ''}`
                  : 'Delete'}
            </Button>
          </>
        )
      }
    >
      {finished ? null : previewQ.isPending ? (
        <div className="flex flex-col gap-2" aria-label="Checking what the delete would remove">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : previewQ.error ? (
        <ActionProblem error={previewQ.error} />
      ) : preview ? (
        <>
          {disabled ? <DeletesDisabled image={image} /> : null}
          {preview.support.manifests === 'unknown' ? (
            <Notice tone="sky" title="Manifold could not tell whether this registry allows deletes">
              <p>
                {preview.support.detail ??
                  'The registry did not answer a harmless test delete in a known way.'}
              </p>
            </Notice>
          ) : null}
          <section className="flex flex-col gap-2">
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Digest <code className="font-mono break-all">{image.digest}</code>
            </p>
            {preview.tags.length ? (
              <>
                <p className="font-medium">
                  {preview.tags.length === 1
                    ? 'Deleting it also removes the one tag that points at it:'
                    : `Deleting it also removes all ${preview.tags.length} tags that point at it:`}
                </p>
                <TagChips tags={preview.tags} />
              </>
            ) : (
              <p>No tag points at this digest: only the manifest goes.</p>
            )}
            {preview.truncated ? (
              <p className="text-xs text-amber-700 dark:text-amber-300">
                The repository has more tags than Manifold checked; others may point here too.
              </p>
            ) : null}
          </section>
          {preview.isIndex ? <Children preview={preview} /> : null}
          {tag && !disabled ? (
            <section
              className="flex flex-col gap-1 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
              data-testid="untag-explainer"
            >
              <p className="font-medium">Only remove :{tag}?</p>
              {preview.support.tags === 'supported' ? (
                <p>
                  This registry deletes single tags: “Untag only” removes :{tag} and keeps the{' '}
                  {what}
                  {otherTags.length ? ` and ${otherTags.map((t) => `:${t}`).join(' ')}` : ''}.
                </p>
              ) : preview.support.tags === 'unsupported' ? (
                <>
                  <p>
                    This registry cannot delete a single tag: the distribution registry (2.x)
                    answers <code className="font-mono">DELETE /v2/…/manifests/{tag}</code> with{' '}
                    <code className="font-mono">400 DIGEST_INVALID</code>, and deleting by digest
                    removes every tag
                    {otherTags.length ? (
                      <> (here also {otherTags.map((t) => `:${t}`).join(' ')})</>
                    ) : null}
                    .
                  </p>
                  <p>
                    “Untag only” does what <code className="font-mono">regctl tag delete</code>{' '}
                    does: it points :{tag} at a tiny placeholder manifest made for this, then
                    deletes that placeholder by digest. Only :{tag} goes;{' '}
                    {otherTags.length
                      ? `the ${what} and its other tags stay`
                      : `the ${what} stays, reachable by digest`}
                    . The placeholder’s small config blob remains until garbage collection.
                  </p>
                </>
              ) : (
                <p>
                  Manifold could not tell whether this registry deletes single tags; “Untag only”
                  tries it and reports what the registry answers.
                </p>
              )}
            </section>
          ) : null}
        </>
      ) : null}

      {del.error ? (
        <ActionProblem
          error={del.error}
          busy={busy}
          onReview={() => void previewQ.refetch()}
          onForce={() => del.mutate(true)}
          forceLabel="Delete anyway"
        />
      ) : null}
      {untag.error ? (
        <ActionProblem
          error={untag.error}
          busy={busy}
          onForce={() => untag.mutate(true)}
          forceLabel="Untag anyway"
        />
      ) : null}

      {deleted ? (
        <div
          role="status"
          data-testid="delete-done"
          className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p className="font-semibold">
            Deleted {short(deleted.digest)}
            {deleted.tagsRemoved.length
              ? ` and ${deleted.tagsRemoved.map((t) => `:${t}`).join(' ')}`
              : ''}
            . The registry no longer serves it.
          </p>
          {deleted.children.length ? (
            <>
              <p>Its entries are still there:</p>
              <ul className="flex flex-col gap-0.5" aria-label="Entries still there">
                {deleted.children.map((c) => (
                  <li
                    key={c.digest}
                    className="flex flex-wrap items-center gap-2"
                    data-testid="kept-child"
                    data-exists={c.exists}
                  >
                    <span aria-hidden>{c.exists ? '✓' : '✕'}</span>
                    <span className="font-mono">{c.label}</span>
                    <Link
                      className="font-mono text-xs underline"
                      href={imagePath(image.registry, image.repository, c.digest)}
                    >
                      {short(c.digest)}
                    </Link>
                    {c.exists ? null : <span>(gone: it was not in this repository any more)</span>}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {untagged ? (
        <div
          role="status"
          data-testid="untag-done"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p className="font-semibold">
            Removed :{untagged.tag}. {short(untagged.digest)} is still there
            {untagged.method === 'placeholder'
              ? ' (untagged with a placeholder manifest, as regctl does)'
              : ''}
            .
          </p>
          <Link
            className="font-mono text-xs underline"
            href={imagePath(image.registry, image.repository, untagged.digest)}
          >
            Open {short(untagged.digest)}
          </Link>
        </div>
      ) : null}

      <CliCommands
        summary="Equivalent commands: delete by digest"
        commands={deleteCommands(ref, { insecure })}
      />
      {tag ? (
        <CliCommands
          summary={`Equivalent commands: untag :${tag} only`}
          commands={untagCommands(`${image.registry}/${image.repository}:${tag}`, { insecure })}
        />
      ) : null}
    </Modal>
  );
}
