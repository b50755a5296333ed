'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { restoreCommands } from '@/lib/actions/cli';
import { apiFetch } from '@/lib/query/api-fetch';
import { tagSummaryOptions } from '@/lib/query/keys';
import { formatPlatform, platformKey } from '@/lib/registry/pure';

import type { RestoreResult, TagHistory } from './api';
import { CliCommands } from './cli-commands';
import { DoneNotice } from './done-notice';
import { short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import { useActionRefresh } from './use-refresh';

function useRestore(history: TagHistory, digest: string) {
  const refresh = useActionRefresh();
  const { registry, repository, tag } = history;
  // What the tag held when the dialog opened: the history refreshes after the restore.
  const [current] = useState(history.current);
  const [done, setDone] = useState<RestoreResult | null>(null);
  const restore = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<RestoreResult>('/api/images/restore', {
        method: 'POST',
        body: { registry, repository, tag, digest, expectedDigest: current, force },
      }),
    onSuccess: (r) => {
      setDone(r);
      refresh([{ registry, repository }]);
    },
  });
  return { current, done, restore };
}

/** Says which platforms the restored digest runs on, and which of them the tag lacks now. */
function ComingBack({ history, digest }: { history: TagHistory; digest: string }) {
  const { registry, repository, current } = history;
  const back = useQuery(tagSummaryOptions(registry, repository, digest)).data;
  const now = useQuery({
    ...tagSummaryOptions(registry, repository, current ?? ''),
    enabled: current !== null,
  }).data;
  if (!back) return <p className="text-zinc-500 dark:text-zinc-400">Reading its platforms…</p>;
  const held = new Set((current ? (now?.platforms ?? []) : []).map(platformKey));
  const returning = back.platforms.filter((p) => !held.has(platformKey(p)));
  return (
    <p data-testid="restore-platforms">
      {back.platforms.length
        ? `It runs on ${back.platforms.map((p) => formatPlatform(p)).join(', ')}.`
        : 'It has no platform of its own.'}{' '}
      {now || !current
        ? returning.length
          ? `Back on the tag: ${returning.map((p) => formatPlatform(p)).join(', ')}.`
          : 'No platform comes back that the tag lacks now.'
        : ''}
    </p>
  );
}

/** Puts a tag back on a digest it held before (the history's Restore), tag's current digest expected. */
export function RestoreDialog({
  history,
  digest,
  insecure,
  onClose,
}: {
  history: TagHistory;
  digest: string;
  insecure: boolean;
  onClose: () => void;
}) {
  const { registry, repository, tag } = history;
  const { current, done, restore } = useRestore(history, digest);
  return (
    <Modal
      title={`Restore :${tag}`}
      description={
        <>
          {done ? 'Pointed' : 'Point'} :{tag} at <code className="font-mono">{short(digest)}</code>{' '}
          again (it {done ? 'held' : 'holds'}{' '}
          {current ? <code className="font-mono">{short(current)}</code> : 'nothing'}
          {done ? ' before' : ' now'}).
        </>
      }
      onClose={onClose}
      testId="restore-dialog"
      footer={
        done ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              onClick={() => restore.mutate(false)}
              disabled={restore.isPending}
              data-testid="confirm-restore"
            >
              {restore.isPending ? 'Restoring…' : `Restore ${short(digest)}`}
            </Button>
          </>
        )
      }
    >
      <ComingBack history={history} digest={digest} />
      <p>
        The same bytes are put under the tag again, so it gets back exactly the digest it had.
        Nothing else changes.
      </p>
      {restore.error ? (
        <ActionProblem
          error={restore.error}
          busy={restore.isPending}
          onReview={onClose}
          onForce={() => restore.mutate(true)}
        />
      ) : null}
      {done ? (
        <DoneNotice testId="restore-done" as="p">
          :{done.tag} points at <code className="font-mono">{short(done.digestAfter)}</code> again
          {done.changed ? '' : ' (it already did)'}.
        </DoneNotice>
      ) : null}
      <CliCommands
        commands={restoreCommands(`${registry}/${repository}`, digest, tag, { insecure })}
      />
    </Modal>
  );
}
