'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { JobProgress } from '@/components/jobs/job-progress';
import { Badge } from '@/components/ui/badge';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { shortDigest } from '@/lib/registry/pure';

import { apiFetch } from '@/lib/query/api-fetch';
import { conflictsOf, isAppError } from '@/lib/errors';
import { draftJobsQuery, draftKeys, type DraftPreview, type DraftView, type Job } from './api';
import { DiffView } from './diff-view';
import { groupIssues } from './issue-groups';
import { draftUrl } from './use-draft';

function initialDestinations(draft: DraftView): string[] {
  if (draft.destinations.length) return draft.destinations;
  if (draft.basedOn) return [draft.basedOn.reference.split('@')[0] ?? ''];
  return [''];
}

/** Links a pushed tag to its image page. */
function TagLink({ reference }: { reference: string }) {
  const slash = reference.indexOf('/');
  const colon = reference.lastIndexOf(':');
  if (slash === -1 || colon <= slash) return <span className="font-mono">{reference}</span>;
  return (
    <Link
      className="font-mono text-sky-700 hover:underline dark:text-sky-400"
      href={imagePath(
        reference.slice(0, slash),
        reference.slice(slash + 1, colon),
        reference.slice(colon + 1),
      )}
    >
      {reference}
    </Link>
  );
}

/**
 * Push with contents: choose destination tags, preview the exact JSON, its digest and size and a
 * diff against what each tag holds, then push. A tag that moved since the preview stops the push
 * with both digests (refresh the preview, or overwrite explicitly). The draft's latest push job is
 * shown below, also after a reload.
 */
/** Pushing are an editor's tool: without the role the user reads why instead. */
export function PushPanel(props: { draft: DraftView }) {
  return (
    <RoleGate role="editor" action="Pushing" note>
      <PushPanelBody {...props} />
    </RoleGate>
  );
}

function PushPanelBody({ draft }: { draft: DraftView }) {
  const queryClient = useQueryClient();
  const [destinations, setDestinations] = useState<string[]>(() => initialDestinations(draft));
  const [preview, setPreview] = useState<{ data: DraftPreview; destinations: string[] } | null>(
    null,
  );
  const jobs = useQuery(draftJobsQuery(draft.id));
  const latest = jobs.data?.jobs[0];

  const runPreview = useMutation({
    mutationFn: (dests: string[]) =>
      apiFetch<DraftPreview>(draftUrl(draft.id, '/preview'), {
        method: 'POST',
        body: { destinations: dests },
      }),
    onSuccess: (data, dests) => setPreview({ data, destinations: dests }),
  });
  const push = useMutation({
    mutationFn: (force: boolean) => {
      if (!preview) throw new Error('Preview first');
      return apiFetch<{ job: Job }>(draftUrl(draft.id, '/push'), {
        method: 'POST',
        body: {
          destinations: preview.data.destinations.map((d) => ({
            reference: d.reference,
            expectedDigest: d.expectedDigest,
          })),
          revision: preview.data.revision,
          indexDigest: preview.data.index.digest,
          ...(force ? { force: true } : {}),
        },
      });
    },
    onSuccess: ({ job }) => {
      queryClient.setQueryData(draftKeys.jobs(draft.id), (old: { jobs: Job[] } | undefined) => ({
        jobs: [job, ...(old?.jobs ?? [])],
      }));
      void queryClient.invalidateQueries({ queryKey: draftKeys.detail(draft.id) });
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
    },
  });

  const cleaned = destinations.map((d) => d.trim()).filter(Boolean);
  const stale =
    preview !== null &&
    (preview.data.revision !== draft.revision ||
      preview.destinations.join('\n') !== cleaned.join('\n'));
  const conflicts = conflictsOf(push.error);
  const pushing = push.isPending || latest?.status === 'running' || latest?.status === 'queued';
  const refresh = () => {
    push.reset();
    runPreview.mutate(cleaned);
  };

  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          refresh();
        }}
      >
        {destinations.map((d, i) => (
          <div key={i} className="flex flex-col gap-1">
            <label htmlFor={`destination-${i}`} className="text-sm font-medium">
              {i === 0 ? 'Destination tag' : `Destination tag ${i + 1}`}
            </label>
            <div className="flex gap-2">
              <input
                id={`destination-${i}`}
                value={d}
                onChange={(e) =>
                  setDestinations(destinations.map((x, j) => (j === i ? e.target.value : x)))
                }
                placeholder="registry/repository:tag"
                className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
                spellCheck={false}
                autoComplete="off"
              />
              {destinations.length > 1 ? (
                <Button
                  variant="ghost"
                  aria-label={`Remove destination ${i + 1}`}
                  onClick={() => setDestinations(destinations.filter((_, j) => j !== i))}
                >
                  ✕
                </Button>
              ) : null}
            </div>
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" size="sm" onClick={() => setDestinations([...destinations, ''])}>
            + Another tag
          </Button>
          <Button
            type="submit"
            variant="secondary"
            disabled={runPreview.isPending || cleaned.length === 0}
          >
            {runPreview.isPending ? 'Checking…' : preview ? 'Refresh preview' : 'Preview push'}
          </Button>
        </div>
        {runPreview.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {runPreview.error.message}
          </p>
        ) : null}
      </form>

      {preview ? (
        <div
          className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
          aria-label="Preview"
          role="region"
        >
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-semibold">Index</span>
            <span
              className="font-mono text-xs break-all"
              title={preview.data.index.digest}
              data-testid="preview-digest"
            >
              {preview.data.index.digest}
            </span>
            <CopyButton text={preview.data.index.digest} label="Copy digest" />
            <Badge>{formatBytes(preview.data.index.size)}</Badge>
            <Badge tone="blue">
              {preview.data.index.mediaType.includes('oci')
                ? 'OCI image index'
                : 'Docker manifest list'}
            </Badge>
            {stale ? <Badge tone="amber">out of date: refresh the preview</Badge> : null}
          </div>
          {preview.data.issues.length ? (
            <ul className="flex flex-col gap-0.5 text-sm">
              {groupIssues(preview.data.issues).map((g, n) => (
                <li
                  key={n}
                  className={
                    g.severity === 'error'
                      ? 'text-red-700 dark:text-red-400'
                      : 'text-amber-700 dark:text-amber-400'
                  }
                >
                  {g.severity === 'error' ? 'Error' : 'Warning'}
                  {g.count > 1 ? ` (${g.count} entries)` : ''}: {g.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-emerald-700 dark:text-emerald-400">
              No problems found; every source still exists.
            </p>
          )}
          {preview.data.destinations.map((d) => (
            <div key={d.reference} className="flex flex-col gap-1">
              <p className="text-sm">
                <span className="font-mono font-medium">{d.reference}</span>{' '}
                {d.error ? (
                  <span className="text-red-700 dark:text-red-400">
                    cannot be read: {d.error.message}
                  </span>
                ) : d.currentDigest === null ? (
                  <Badge tone="green">new tag</Badge>
                ) : d.unchanged ? (
                  <Badge>already holds this index</Badge>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">
                    now holds{' '}
                    <span className="font-mono text-xs" title={d.currentDigest}>
                      {shortDigest(d.currentDigest)}
                    </span>
                    : it will be replaced
                  </span>
                )}
              </p>
              {d.movedSinceBasedOn ? (
                <p className="text-sm text-amber-700 dark:text-amber-400" role="note">
                  This tag moved since the draft was based on it:{' '}
                  {shortDigest(d.movedSinceBasedOn.basedOn)} →{' '}
                  {d.movedSinceBasedOn.current
                    ? shortDigest(d.movedSinceBasedOn.current)
                    : 'deleted'}
                  . Pushing stops with a conflict unless you overwrite it.
                </p>
              ) : null}
              {d.diff ? (
                <details open>
                  <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
                    Changes against what the tag holds now
                  </summary>
                  <DiffView diff={d.diff} label={`Diff for ${d.reference}`} />
                </details>
              ) : null}
            </div>
          ))}
          <details>
            <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
              The exact JSON that will be pushed
            </summary>
            <pre
              className="mt-1 max-h-96 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950"
              aria-label="Index JSON"
            >
              {preview.data.index.json}
            </pre>
          </details>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="primary"
              disabled={!preview.data.canPush || stale || pushing}
              onClick={() => push.mutate(false)}
            >
              {push.isPending
                ? 'Starting…'
                : `Push to ${preview.data.destinations.length} tag${preview.data.destinations.length === 1 ? '' : 's'}`}
            </Button>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              Copies every image, config and layer first; the index goes last.
            </span>
          </div>
        </div>
      ) : null}

      {push.error ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-semibold">
            {conflicts.length
              ? 'The destination changed since the preview'
              : 'The push did not start'}
          </p>
          <p className="mt-1">{push.error.message}</p>
          {conflicts.length ? (
            <>
              <ul className="mt-2 font-mono text-xs">
                {conflicts.map((c) => (
                  <li key={c.reference}>
                    {c.reference}: preview showed {c.expected ?? 'no tag'}, now{' '}
                    {c.actual ?? 'no tag'}
                  </li>
                ))}
              </ul>
              <div className="mt-2 flex gap-2">
                <Button size="sm" variant="secondary" onClick={refresh}>
                  Refresh preview
                </Button>
                <Button size="sm" variant="danger" onClick={() => push.mutate(true)}>
                  Overwrite anyway
                </Button>
              </div>
            </>
          ) : isAppError(push.error) && push.error.code === 'STALE_PREVIEW' ? (
            <Button size="sm" variant="secondary" className="mt-2" onClick={refresh}>
              Refresh preview
            </Button>
          ) : null}
        </div>
      ) : null}

      {latest ? (
        <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <JobProgress
            key={latest.id}
            jobId={latest.id}
            title="Latest push"
            onSettled={() => {
              void queryClient.invalidateQueries({ queryKey: draftKeys.jobs(draft.id) });
              void queryClient.invalidateQueries({ queryKey: draftKeys.detail(draft.id) });
              setPreview(null);
            }}
          />
          {latest.status === 'succeeded' ? (
            <p className="mt-2 text-sm">
              Pushed to{' '}
              {(
                (
                  latest.params as {
                    destinations?: { registry: string; repository: string; tag: string }[];
                  }
                ).destinations ?? []
              ).map((d, i) => (
                <span key={i}>
                  {i ? ', ' : ''}
                  <TagLink reference={`${d.registry}/${d.repository}:${d.tag}`} />
                </span>
              ))}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
