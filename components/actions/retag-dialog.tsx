'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useState } from 'react';

import { JobProgress } from '@/components/jobs/job-progress';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { retagCommands } from '@/lib/actions/cli';
import { imagePath } from '@/lib/paths';

import { apiFetch } from '@/lib/query/api-fetch';
import { type ImageId, type Job, type TargetState } from './api';
import { fromPublicError } from '@/lib/errors';
import { CliCommands } from './cli-commands';
import { short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import { useActionJob } from './use-action-job';
import { useActionRefresh } from './use-refresh';

interface RetagJobResult {
  tags: Array<{
    reference: string;
    registry: string;
    repository: string;
    tag: string;
    digestBefore: string | null;
    digestAfter: string;
    changed: boolean;
  }>;
}

function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
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
  const refresh = useActionRefresh();
  const [text, setText] = useState('');
  const [reviewed, setReviewed] = useState<TargetState[] | null>(null);
  const onSucceeded = useCallback(
    (j: Job) => refresh([image, ...((j.result as RetagJobResult | null)?.tags ?? [])]),
    [refresh, image],
  );
  const { job, start, clear } = useActionJob(onSucceeded);

  const review = useMutation({
    mutationFn: (references: string[]) =>
      apiFetch<{ targets: TargetState[] }>('/api/images/targets', {
        method: 'POST',
        body: { ...image, references },
      }),
    onSuccess: (r) => {
      setReviewed(r.targets);
      retag.reset();
      clear();
    },
  });
  const retag = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<{ job: Job }>('/api/images/retag', {
        method: 'POST',
        body: {
          ...image,
          targets: (reviewed ?? []).map((t) => ({
            reference: t.reference,
            expectedDigest: t.currentDigest,
          })),
          force,
        },
      }),
    onSuccess: (r) => start(r.job),
  });

  const source = `${image.registry}/${image.repository}@${image.digest}`;
  const targets = reviewed ?? [];
  const running = job !== undefined && (job.status === 'queued' || job.status === 'running');
  const done = job?.status === 'succeeded' ? (job.result as RetagJobResult) : null;
  const jobConflict = job?.status === 'failed' && job.error?.code === 'CONFLICT' ? job.error : null;
  const busy = review.isPending || retag.isPending || running;
  const reviewAgain = () => review.mutate(targets.map((t) => t.reference));
  const force = () => {
    clear();
    retag.mutate(true);
  };

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
      footer={
        done ? (
          <Button onClick={onClose}>Close</Button>
        ) : reviewed ? (
          <>
            <Button onClick={() => setReviewed(null)} disabled={busy}>
              Edit tags
            </Button>
            <Button
              variant="primary"
              onClick={() => retag.mutate(false)}
              disabled={busy || job !== undefined || targets.every((t) => t.unchanged)}
            >
              {busy ? 'Retagging…' : `Retag (${targets.length})`}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              type="submit"
              form="retag-form"
              disabled={busy || splitTags(text).length === 0}
            >
              {review.isPending ? 'Checking…' : 'Review'}
            </Button>
          </>
        )
      }
    >
      {!reviewed ? (
        <form
          id="retag-form"
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            review.mutate(splitTags(text));
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
          {review.error ? <ActionProblem error={review.error} /> : null}
        </form>
      ) : (
        <div className="flex flex-col gap-2">
          <p className="font-medium">Tags to write</p>
          <ul className="flex flex-col gap-1.5" aria-label="Tags to write">
            {targets.map((t) => (
              <li
                key={t.reference}
                className="flex flex-wrap items-center gap-2"
                data-testid="retag-target"
              >
                <code className="font-mono break-all">{t.reference}</code>
                {t.unchanged ? (
                  <Badge tone="neutral">already points here</Badge>
                ) : t.currentDigest ? (
                  <Badge tone="amber" title={t.currentDigest}>
                    moves from {short(t.currentDigest)}
                  </Badge>
                ) : (
                  <Badge tone="green">new tag</Badge>
                )}
                {!t.sameRepository ? <Badge tone="violet">contents copied first</Badge> : null}
              </li>
            ))}
          </ul>
        </div>
      )}

      {job && !done && !jobConflict ? <JobProgress jobId={job.id} title="Retag" /> : null}
      {retag.error ? (
        <ActionProblem error={retag.error} busy={busy} onReview={reviewAgain} onForce={force} />
      ) : null}
      {jobConflict ? (
        <ActionProblem
          error={fromPublicError(jobConflict)}
          busy={busy}
          onReview={reviewAgain}
          onForce={force}
        />
      ) : null}

      {done ? (
        <div
          role="status"
          data-testid="retag-done"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p className="font-semibold">Done: every tag holds the same digest.</p>
          <ul className="mt-1 flex flex-col gap-1">
            {done.tags.map((t) => (
              <li key={t.reference} className="flex flex-wrap items-center gap-2">
                <Link
                  className="font-mono underline"
                  href={imagePath(t.registry, t.repository, t.tag)}
                >
                  {t.reference}
                </Link>
                <code className="font-mono text-xs break-all" data-testid="retag-digest">
                  {t.digestAfter}
                </code>
                {t.changed ? null : <span className="text-xs">(already there)</span>}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

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
