'use client';

import Link from 'next/link';

import { CliCommands } from '@/components/actions/cli-commands';
import { JobProgress } from '@/components/jobs/job-progress';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { draftPushCommands } from '@/lib/actions/cli-lists';
import { isAppError } from '@/lib/errors';
import { imagePath } from '@/lib/paths';

import type { DraftView, Job } from './api';
import { PushConflicts } from './push-conflicts';
import { PushDestinations } from './push-destinations';
import { PushPreview } from './push-preview';
import { usePush } from './use-push';

type Push = ReturnType<typeof usePush>;

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

/** Why the push did not start; for a tag that moved, both digests and refresh / overwrite. */
function PushError({ push: p, error, draft }: { push: Push; error: Error; draft: DraftView }) {
  const { conflicts } = p;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-semibold">
        {conflicts.length ? 'The destination changed since the preview' : 'The push did not start'}
      </p>
      {/* With conflicts the list below says it all; the message would repeat it a third time. */}
      {conflicts.length ? null : <p className="mt-1">{error.message}</p>}
      {conflicts.length ? (
        <>
          <PushConflicts conflicts={conflicts} draft={draft} />
          <div className="mt-2 flex gap-2">
            <Button size="sm" variant="secondary" onClick={p.refresh}>
              Refresh preview
            </Button>
            <Button size="sm" variant="danger" onClick={() => p.push.mutate(true)}>
              Overwrite anyway
            </Button>
          </div>
        </>
      ) : isAppError(error) && error.code === 'STALE_PREVIEW' ? (
        <Button size="sm" variant="secondary" className="mt-2" onClick={p.refresh}>
          Refresh preview
        </Button>
      ) : null}
    </div>
  );
}

/** The draft's latest push job (also after a reload) and, once it succeeded, the tags it wrote. */
function LatestPush({ latest, onSettled }: { latest: Job; onSettled: () => void }) {
  const destinations =
    (
      latest.params as {
        destinations?: { registry: string; repository: string; tag: string }[];
      }
    ).destinations ?? [];
  return (
    <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <JobProgress key={latest.id} jobId={latest.id} title="Latest push" onSettled={onSettled} />
      {latest.status === 'succeeded' ? (
        <p className="mt-2 text-sm">
          Pushed to{' '}
          {destinations.map((d, i) => (
            <span key={i}>
              {i ? ', ' : ''}
              <TagLink reference={`${d.registry}/${d.repository}:${d.tag}`} />
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Push with contents: choose destination tags, preview the exact JSON, its digest and size and a
 * diff against what each tag holds, then push. A tag that moved since the preview stops the push
 * with both digests (refresh the preview, or overwrite explicitly). The draft's latest push job is
 * shown below, also after a reload. Pushing is an editor's tool: without the role the user reads
 * why instead.
 */
export function PushPanel(props: { draft: DraftView }) {
  return (
    <RoleGate role="editor" action="Pushing" note>
      <PushPanelBody {...props} />
    </RoleGate>
  );
}

function PushPanelBody({ draft }: { draft: DraftView }) {
  const p = usePush(draft);
  return (
    <div className="flex flex-col gap-4">
      <PushDestinations push={p} />
      {p.preview ? <PushPreview preview={p.preview} push={p} /> : null}
      {p.preview ? (
        <CliCommands
          summary="Equivalent commands (podman, docker buildx, regctl, crane)"
          commands={draftPushCommands(
            draft.entries.flatMap((e) =>
              e.source ? [{ source: e.source, attestation: e.attestation }] : [],
            ),
            p.preview.destinations.map((d) => d.reference),
            { dockerList: draft.format === 'docker' },
          )}
        />
      ) : null}
      {p.push.error ? <PushError push={p} error={p.push.error} draft={draft} /> : null}
      {p.latest ? <LatestPush latest={p.latest} onSettled={p.settled} /> : null}
    </div>
  );
}
