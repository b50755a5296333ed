'use client';

import { useQuery } from '@tanstack/react-query';

import { Badge } from '@/components/ui/badge';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { Card, ErrorPanel } from '@/components/ui/card';
import { MediaType } from '@/lib/registry/pure';

import { AddImageForm } from './add-image-form';
import { AnnotationsEditor } from './annotations-editor';
import { draftQuery, type DraftView } from './api';
import { DraftHeader } from './draft-header';
import { EntriesTable } from './entries-table';
import { groupIssues } from './issue-groups';
import { PushPanel } from './push-panel';
import { draftUrl, useDraftMutation } from './use-draft';

/** Index-level problems and one-click fixes (switch format). */
function Problems({ draft }: { draft: DraftView }) {
  const patch = useDraftMutation<Record<string, unknown>>(draft.id, (body) => ({
    url: draftUrl(draft.id),
    method: 'PATCH',
    body,
  }));
  const errors = draft.issues.filter((i) => i.severity === 'error').length;
  const warnings = draft.issues.length - errors;
  const dockerAnnotations = draft.issues.some((i) => i.code === 'DOCKER_ANNOTATIONS');
  const mixed = draft.issues.some((i) => i.code === 'MIXED_MEDIA_TYPES');
  const allDocker =
    draft.entries.length > 0 &&
    draft.entries.every((e) => e.mediaType === MediaType.DockerManifest);
  const allOci =
    draft.entries.length > 0 && draft.entries.every((e) => e.mediaType === MediaType.OciManifest);
  if (draft.issues.length === 0) {
    return draft.entries.length ? (
      <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="draft-status">
        Ready to push: no problems found.
      </p>
    ) : null;
  }
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
      data-testid="draft-status"
    >
      <p className="font-semibold">
        {errors
          ? `${errors} problem${errors === 1 ? '' : 's'} to fix before pushing`
          : 'Can be pushed'}
        {warnings ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}
      </p>
      <ul className="flex flex-col gap-1">
        {groupIssues(draft.issues).map((g, n) => (
          <li
            key={n}
            className={`wrap-anywhere ${g.severity === 'error' ? 'text-red-800 dark:text-red-300' : ''}`}
          >
            {g.count > 1 ? <span className="font-medium">{g.count} entries: </span> : null}
            {g.message}
          </li>
        ))}
      </ul>
      {draft.issues.some((i) => i.entry) ? (
        <p className="text-xs">Each entry shows its own problems in the table below.</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {dockerAnnotations ? (
          <Button size="sm" variant="secondary" onClick={() => patch.mutate({ format: 'oci' })}>
            Use the OCI index format (keeps annotations)
          </Button>
        ) : null}
        {mixed && allDocker && draft.format === 'oci' && !dockerAnnotations ? (
          <Button size="sm" variant="secondary" onClick={() => patch.mutate({ format: 'docker' })}>
            Use the Docker manifest list format (matches the images)
          </Button>
        ) : null}
        {mixed && allOci && draft.format === 'docker' ? (
          <Button size="sm" variant="secondary" onClick={() => patch.mutate({ format: 'oci' })}>
            Use the OCI index format (matches the images)
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function IndexAnnotations({ draft }: { draft: DraftView }) {
  const patch = useDraftMutation<Record<string, string | null>>(draft.id, (annotations) => ({
    url: draftUrl(draft.id),
    method: 'PATCH',
    body: { annotations },
  }));
  return (
    <div className="flex flex-col gap-2">
      {draft.format === 'docker' ? (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          Docker manifest lists cannot carry annotations: they need the OCI index format.
        </p>
      ) : null}
      <AnnotationsEditor
        key={`${draft.revision}`}
        idPrefix="index-annotation"
        value={draft.annotations}
        saving={patch.isPending}
        onSave={(p) => patch.mutate(p)}
      />
      {patch.error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {patch.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** The draft editor: add images, edit entries, annotate the index, preview and push with contents. */
/** Editing drafts are an editor's tool: without the role the user reads why instead. */
export function DraftEditor(props: { id: string; defaultRegistry?: string }) {
  return (
    <RoleGate role="editor" action="Editing drafts" note>
      <DraftEditorBody {...props} />
    </RoleGate>
  );
}

function DraftEditorBody({ id, defaultRegistry }: { id: string; defaultRegistry?: string }) {
  const { data: draft, error } = useQuery(draftQuery(id));
  if (error) return <ErrorPanel title="Cannot load the draft" message={error.message} />;
  if (!draft) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  return (
    <div className="flex flex-col gap-6">
      <DraftHeader draft={draft} />
      <Problems draft={draft} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Add images">
          <AddImageForm draft={draft} {...(defaultRegistry ? { defaultRegistry } : {})} />
        </Card>
        <Card title="Index annotations">
          <IndexAnnotations draft={draft} />
        </Card>
      </div>
      <Card
        title={
          <span>
            Entries <Badge>{draft.entries.length}</Badge>
          </span>
        }
      >
        <EntriesTable draft={draft} />
      </Card>
      <Card title="Push with contents">
        <PushPanel draft={draft} />
      </Card>
    </div>
  );
}
