'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { removePlatformCommands } from '@/lib/actions/cli';

import type { RemovePlatformPreview, RemovePlatformResult } from './api';
import { CliCommands } from './cli-commands';
import { DoneNotice } from './done-notice';
import { short } from './format';
import { IndexJson } from './index-json';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import type { ActionPlatform } from './types';
import { useRemovePlatform } from './use-remove-platform';

export interface RemovePlatformProps {
  registry: string;
  repository: string;
  /** The tag the smaller list is put under. */
  tag: string;
  /** The list digest the page shows (the expected digest of the tag). */
  listDigest: string;
  /** The list's platforms (runnable images). */
  platforms: ActionPlatform[];
  insecure?: boolean;
}

type RemovePlatform = ReturnType<typeof useRemovePlatform>;

function PlatformRadios({ platforms, r }: { platforms: ActionPlatform[]; r: RemovePlatform }) {
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 font-medium">Platform to remove</legend>
      {platforms.map((p) => (
        <label key={p.digest} className="flex items-center gap-2">
          <input
            type="radio"
            name="remove-platform"
            value={p.digest}
            checked={r.platform === p.digest}
            onChange={() => r.choose(p.digest)}
          />
          <span className="font-mono">{p.label}</span>
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {short(p.digest)}
          </span>
        </label>
      ))}
      {platforms.length < 2 ? (
        <p className="text-xs text-zinc-600">
          A list needs at least one platform: delete the list instead.
        </p>
      ) : null}
    </fieldset>
  );
}

function SmallerList({
  preview,
  listDigest,
}: {
  preview: RemovePlatformPreview;
  listDigest: string;
}) {
  return (
    <div className="flex flex-col gap-2" data-testid="remove-platform-preview">
      <p>
        Removes{' '}
        {preview.removed.map((e) => (
          <Badge key={e.digest} tone={e.attestation ? 'neutral' : 'red'} title={e.digest}>
            {e.label}
          </Badge>
        ))}{' '}
        and keeps {preview.remaining.filter((e) => !e.attestation).length} platforms.
      </p>
      <p>
        New list: <code className="font-mono break-all">{preview.index.digest}</code> (now{' '}
        <code className="font-mono">{short(listDigest)}</code>)
      </p>
      <IndexJson json={preview.index.json} />
    </div>
  );
}

function Removed({ tag, done }: { tag: string; done: RemovePlatformResult }) {
  return (
    <DoneNotice testId="remove-platform-done">
      <p className="font-semibold">
        :{tag} now holds {short(done.digestAfter)} without{' '}
        {done.removed
          .filter((e) => !e.attestation)
          .map((e) => e.label)
          .join(', ')}
        .
      </p>
      <p className="mt-1">
        The removed image is still in the repository by digest; the tag’s history can restore the
        previous list.
      </p>
    </DoneNotice>
  );
}

/**
 * Drops one platform from a list in place (`regctl index delete --digest`): the new list (its
 * attestations follow the platform) is previewed with its digest, then put under the same tag if
 * the tag still holds the list the page shows. The image itself stays in the repository.
 */
export function RemovePlatformDialog({
  registry,
  repository,
  tag,
  listDigest,
  platforms,
  initial,
  insecure = false,
  onClose,
}: RemovePlatformProps & { initial?: string; onClose: () => void }) {
  const r = useRemovePlatform({ registry, repository, tag, listDigest }, initial);
  const { platform, preview, done, remove, busy } = r;
  const router = useRouter();
  const close = () => {
    onClose();
    if (done) router.refresh();
  };
  const chosen = platforms.find((p) => p.digest === platform);

  return (
    <Modal
      title={`Remove a platform from ${repository}:${tag}`}
      description="The list is rewritten without it and pushed to the same tag. The image itself stays in the repository."
      onClose={close}
      testId="remove-platform-dialog"
      footer={
        done ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="danger"
              onClick={() => remove.mutate(false)}
              disabled={busy || !preview || platforms.length < 2}
              data-testid="confirm-remove-platform"
            >
              {remove.isPending ? 'Removing…' : chosen ? `Remove ${chosen.label}` : 'Remove'}
            </Button>
          </>
        )
      }
    >
      {!done ? <PlatformRadios platforms={platforms} r={r} /> : null}
      {r.previewMutation.error ? <ActionProblem error={r.previewMutation.error} /> : null}
      {preview && !done ? <SmallerList preview={preview} listDigest={listDigest} /> : null}
      {remove.error ? (
        <ActionProblem
          error={remove.error}
          busy={busy}
          onReview={onClose}
          onForce={() => remove.mutate(true)}
        />
      ) : null}
      {done ? <Removed tag={tag} done={done} /> : null}
      {platform ? (
        <CliCommands
          commands={removePlatformCommands(`${registry}/${repository}:${tag}`, platform, {
            insecure,
          })}
        />
      ) : null}
    </Modal>
  );
}

/** A small "Remove from list" button for one platform row; opens the confirmation with that platform chosen. */
export function RemovePlatformButton({
  platform,
  label: text = 'Remove from list',
  ...props
}: RemovePlatformProps & { platform: string; label?: string }) {
  const [open, setOpen] = useState(false);
  const label = props.platforms.find((p) => p.digest === platform)?.label ?? short(platform);
  const denied = useDenial('admin', { registry: props.registry, repository: props.repository });
  if (denied) return null;
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={`${text}: ${label}`}
        disabled={props.platforms.length < 2}
      >
        {text}
      </Button>
      {open ? (
        <RemovePlatformDialog {...props} initial={platform} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
