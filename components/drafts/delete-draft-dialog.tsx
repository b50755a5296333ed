'use client';

import { Modal } from '@/components/actions/modal';
import { Button } from '@/components/ui/button';

/** Asks before a draft is deleted, like every other destructive action; nothing in a registry changes. */
export function DeleteDraftDialog({
  name,
  entryCount,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  name: string;
  entryCount: number;
  busy: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      title={`Delete the draft “${name}”?`}
      description="Only the draft goes: nothing in any registry changes, and lists already pushed stay where they are."
      onClose={onClose}
      testId="delete-draft-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" onClick={onConfirm} disabled={busy} autoFocus>
            {busy ? 'Deleting…' : 'Delete draft'}
          </Button>
        </>
      }
    >
      <p>
        Its {entryCount} entr{entryCount === 1 ? 'y' : 'ies'}, annotations and destination tags are
        forgotten. Push jobs and the activity log keep their records.
      </p>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </Modal>
  );
}
