'use client';

import Link from 'next/link';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { retagCommands } from '@/lib/actions/cli';
import { splitTags } from '@/lib/actions/tag-list';
import { imagePath } from '@/lib/paths';

import { ActionJobStatus } from './action-job-status';
import type { ImageId, TargetState } from './api';
import { CliCommands } from './cli-commands';
import { DoneNotice } from './done-notice';
import { short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import { TargetBadge, TargetRow } from './target-row';
import { useRetag, type RetagJobResult } from './use-retag';

type Retag = ReturnType<typeof useRetag>;

/** The tags to write, each with what writing it does (new, moves, already there, copied first). */
function RetagTargets({ targets }: { targets: TargetState[] }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="font-medium">Tags to write</p>
      <ul className="flex flex-col gap-1.5" aria-label="Tags to write">
        {targets.map((t) => (
          <TargetRow key={t.reference} data-testid="retag-target">
            <code className="font-mono break-all">{t.reference}</code>
            <TargetBadge target={t} unchangedText="already points here" movedText="moves from" />
            {!t.sameRepository ? <Badge tone="violet">contents copied first</Badge> : null}
          </TargetRow>
        ))}
      </ul>
    </div>
  );
}

function RetagForm({
  image,
  text,
  setText,
  retag,
}: {
  image: ImageId;
  text: string;
  setText: (text: string) => void;
  retag: Retag;
}) {
  return (
    <form
      id="retag-form"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        retag.review.mutate(splitTags(text));
      }}
    >
      <label htmlFor="retag-tags" className="font-medium">
        New tags
      </label>
      <input
        id="retag-tags"
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="stable, v1.2 · other/repo:tag · host:port/repo:tag"
        spellCheck={false}
        autoComplete="off"
        className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono shadow-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        A bare tag stays in <code className="font-mono">{image.repository}</code>. For another
        repository or registry the images and blobs are copied first, then the same bytes are
        tagged.
      </p>
      {retag.review.error ? <ActionProblem error={retag.review.error} /> : null}
    </form>
  );
}

function RetagFooter({
  retag,
  text,
  onClose,
}: {
  retag: Retag;
  text: string;
  onClose: () => void;
}) {
  const { busy, targets } = retag;
  if (retag.done) return <Button onClick={onClose}>Close</Button>;
  if (retag.reviewed)
    return (
      <>
        <Button onClick={retag.edit} disabled={busy}>
          Edit tags
        </Button>
        <Button
          variant="primary"
          onClick={() => retag.retag.mutate(false)}
          disabled={busy || retag.actionJob.job !== undefined || targets.every((t) => t.unchanged)}
        >
          {busy ? 'Retagging…' : `Retag (${targets.length})`}
        </Button>
      </>
    );
  return (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button
        variant="primary"
        type="submit"
        form="retag-form"
        disabled={busy || splitTags(text).length === 0}
      >
        {retag.review.isPending ? 'Checking…' : 'Review'}
      </Button>
    </>
  );
}

function RetagDone({ done }: { done: RetagJobResult }) {
  return (
    <DoneNotice testId="retag-done">
      <p className="font-semibold">Done: every tag holds the same digest.</p>
      <ul className="mt-1 flex flex-col gap-1">
        {done.tags.map((t) => (
          <TargetRow key={t.reference}>
            <Link className="font-mono underline" href={imagePath(t.registry, t.repository, t.tag)}>
              {t.reference}
            </Link>
            <code className="font-mono text-xs break-all" data-testid="retag-digest">
              {t.digestAfter}
            </code>
            {t.changed ? null : <span className="text-xs">(already there)</span>}
          </TargetRow>
        ))}
      </ul>
    </DoneNotice>
  );
}

/**
 * Gives a list or an image more tags (`skopeo copy --all --preserve-digests`). In the same
 * repository only the tag is written; elsewhere the contents are copied first. The digest never
 * changes. Each target's current state is reviewed first and sent back as its expected digest.
 */
export function RetagDialog({
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
  const [text, setText] = useState('');
  const retag = useRetag(image);
  const { targets, done } = retag;
  const source = `${image.registry}/${image.repository}@${image.digest}`;
  return (
    <Modal
      title={`Retag ${image.repository}${tag ? `:${tag}` : `@${short(image.digest)}`}`}
      description={
        <>
          Put this exact manifest under more tags. The digest stays{' '}
          <code className="font-mono">{short(image.digest)}</code>.
        </>
      }
      onClose={onClose}
      testId="retag-dialog"
      footer={<RetagFooter retag={retag} text={text} onClose={onClose} />}
    >
      {!retag.reviewed ? (
        <RetagForm image={image} text={text} setText={setText} retag={retag} />
      ) : (
        <RetagTargets targets={targets} />
      )}
      <ActionJobStatus
        actionJob={retag.actionJob}
        done={done !== null}
        title="Retag"
        error={retag.retag.error}
        busy={retag.busy}
        onReview={retag.reviewAgain}
        onForce={retag.force}
      />
      {done ? <RetagDone done={done} /> : null}
      <CliCommands
        commands={retagCommands(
          source,
          targets.length
            ? targets.map((t) => t.reference)
            : [`${image.registry}/${image.repository}:NEW_TAG`],
          { insecure },
        )}
      />
    </Modal>
  );
}
