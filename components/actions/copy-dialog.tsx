'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useState } from 'react';

import { JobProgress } from '@/components/jobs/job-progress';
import { Button } from '@/components/ui/button';
import { SetCheckbox } from '@/components/ui/set-checkbox';
import { copyCommands } from '@/lib/actions/cli';
import { imagePath } from '@/lib/paths';

import { apiFetch } from '@/lib/query/api-fetch';
import { type CopyPreview, type ImageId, type Job } from './api';
import { fromPublicError } from '@/lib/errors';
import { CliCommands } from './cli-commands';
import { CopyPreviewView } from './copy-preview';
import { platformArg, short } from './format';
import { Modal } from './modal';
import { ActionProblem } from './problem';
import type { ActionPlatform } from './types';
import { useActionJob } from './use-action-job';
import { useActionRefresh } from './use-refresh';

const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/**
 * Copies a list with all its platforms (`skopeo copy --all`), or a chosen subset as a new index
 * shown before it is made (its JSON and digest), to another repository or registry. Runs as a job
 * with progress; the destination tag's current digest is sent back as the expected digest.
 */
export function CopyDialog({
  image,
  tag,
  mediaType,
  isIndex,
  platforms,
  registries = [],
  insecure = false,
  onClose,
}: {
  image: ImageId;
  tag?: string;
  mediaType: string;
  isIndex: boolean;
  platforms: ActionPlatform[];
  /** Configured registry hosts, offered as destinations. */
  registries?: string[];
  insecure?: boolean;
  onClose: () => void;
}) {
  const refresh = useActionRefresh();
  const [destination, setDestination] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(platforms.map((p) => p.digest)));
  const [preview, setPreview] = useState<CopyPreview | null>(null);
  const onSucceeded = useCallback(
    () => refresh(preview ? [preview.destination] : [], { page: false }),
    [refresh, preview],
  );
  const { job, start, clear } = useActionJob(onSucceeded);

  const subset =
    isIndex && chosen.size < platforms.length
      ? platforms.filter((p) => chosen.has(p.digest)).map((p) => p.digest)
      : undefined;
  const previewMutation = useMutation({
    mutationFn: () =>
      apiFetch<CopyPreview>('/api/images/copy/preview', {
        method: 'POST',
        body: { ...image, destination, ...(subset ? { platforms: subset } : {}) },
      }),
    onSuccess: (p) => {
      setPreview(p);
      copy.reset();
      clear();
    },
  });
  const copy = useMutation({
    mutationFn: (force: boolean) =>
      apiFetch<{ job: Job; preview: CopyPreview }>('/api/images/copy', {
        method: 'POST',
        body: {
          ...image,
          destination: preview!.destination.reference,
          ...(subset ? { platforms: subset } : {}),
          expectedDigest: preview!.destination.currentDigest,
          indexDigest: preview!.index.digest,
          force,
        },
      }),
    onSuccess: (r) => start(r.job),
  });

  const running = job !== undefined && (job.status === 'queued' || job.status === 'running');
  const done = job?.status === 'succeeded';
  const jobConflict = job?.status === 'failed' && job.error?.code === 'CONFLICT' ? job.error : null;
  const busy = previewMutation.isPending || copy.isPending || running;
  const force = () => {
    clear();
    copy.mutate(true);
  };
  const source = `${image.registry}/${image.repository}@${image.digest}`;
  const dstText =
    preview?.destination.reference ??
    (destination.trim() || `${image.registry}/${image.repository}-copy:${tag ?? 'latest'}`);
  const subsetArgs = subset
    ? platforms
        .filter((p) => chosen.has(p.digest))
        .map((p) => ({ platform: platformArg(p.platform) ?? p.label, digest: p.digest }))
    : null;

  return (
    <Modal
      wide
      title={`Copy ${image.repository}${tag ? `:${tag}` : `@${short(image.digest)}`} to…`}
      description={
        isIndex
          ? 'Copy the list with every platform, or only some of them as a new list.'
          : 'Copy this image with its config and layers.'
      }
      onClose={onClose}
      testId="copy-dialog"
      footer={
        done ? (
          <Button onClick={onClose}>Close</Button>
        ) : preview ? (
          <>
            <Button onClick={() => setPreview(null)} disabled={busy}>
              Change
            </Button>
            <Button
              variant="primary"
              onClick={() => copy.mutate(false)}
              disabled={busy || job !== undefined}
            >
              {busy
                ? 'Copying…'
                : preview.whole
                  ? 'Copy'
                  : `Create and copy (${preview.entries.filter((e) => !e.attestation).length} platforms)`}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              type="submit"
              form="copy-form"
              disabled={busy || !destination.trim() || (isIndex && chosen.size === 0)}
              title={
                !destination.trim()
                  ? 'Type a destination tag first'
                  : isIndex && chosen.size === 0
                    ? 'Choose at least one platform'
                    : undefined
              }
            >
              {previewMutation.isPending ? 'Checking…' : 'Preview'}
            </Button>
          </>
        )
      }
    >
      {!preview ? (
        <form
          id="copy-form"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            previewMutation.mutate();
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="copy-destination" className="font-medium">
              Destination tag
            </label>
            <input
              id="copy-destination"
              autoFocus
              list="copy-registries"
              value={destination}
              onChange={(e) => setDestination(e.target.value)}
              placeholder={`${image.repository}-copy:${tag ?? 'latest'} or ${registries.find((r) => r !== image.registry) ?? 'host:port'}/${image.repository}:${tag ?? 'latest'}`}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="copy-destination-help"
              className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono shadow-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
            <datalist id="copy-registries">
              {registries.map((r) => (
                <option key={r} value={`${r}/${image.repository}:${tag ?? 'latest'}`} />
              ))}
            </datalist>
            <p className="text-xs text-zinc-600 dark:text-zinc-400" id="copy-destination-help">
              <code className="font-mono">repo:tag</code> stays on {image.registry};{' '}
              <code className="font-mono">host/repo:tag</code> copies to another registry.
              {destination.trim() ? '' : ' Type one to preview the copy.'}
            </p>
          </div>
          {isIndex ? (
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1 font-medium">Platforms</legend>
              {platforms.map((p) => (
                <SetCheckbox key={p.digest} value={p.digest} chosen={chosen} onChange={setChosen}>
                  <span className="font-mono">{p.label}</span>
                  <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {short(p.digest)}
                  </span>
                </SetCheckbox>
              ))}
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                {chosen.size === platforms.length
                  ? 'All platforms: the list is copied byte for byte and keeps its digest.'
                  : chosen.size === 0
                    ? 'Choose at least one platform.'
                    : 'A subset makes a new list with its own digest. Attestations go with their platform.'}
              </p>
            </fieldset>
          ) : null}
          {previewMutation.error ? <ActionProblem error={previewMutation.error} /> : null}
        </form>
      ) : (
        <CopyPreviewView preview={preview} />
      )}

      {job && !done && !jobConflict ? <JobProgress jobId={job.id} title="Copy" /> : null}
      {copy.error ? (
        <ActionProblem
          error={copy.error}
          busy={busy}
          onReview={() => previewMutation.mutate()}
          onForce={force}
        />
      ) : null}
      {jobConflict ? (
        <ActionProblem
          error={fromPublicError(jobConflict)}
          busy={busy}
          onReview={() => previewMutation.mutate()}
          onForce={force}
        />
      ) : null}
      {done && preview ? (
        <div
          role="status"
          data-testid="copy-done"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p className="font-semibold">Copied.</p>
          <p className="mt-1">
            <Link
              className="font-mono underline"
              href={imagePath(
                preview.destination.registry,
                preview.destination.repository,
                preview.destination.tag,
              )}
            >
              Open {preview.destination.reference}
            </Link>
          </p>
        </div>
      ) : null}

      <CliCommands
        commands={copyCommands(source, dstText, subsetArgs, {
          insecure,
          dockerList: mediaType === DOCKER_LIST,
        })}
      />
    </Modal>
  );
}
