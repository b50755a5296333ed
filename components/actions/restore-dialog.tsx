'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { restoreCommands } from '@/lib/actions/cli';
import { apiFetch } from '@/lib/query/api-fetch';

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
