'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { Card, ErrorPanel } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDate } from '@/lib/format';
import { MediaType } from '@/lib/registry/pure';

import { AddImageForm } from './add-image-form';
import { AnnotationsEditor } from './annotations-editor';
import { apiFetch } from '@/lib/query/api-fetch';
import { draftKeys, draftQuery, type DraftView } from './api';
import { DeleteDraftDialog } from './delete-draft-dialog';
import { EntriesTable } from './entries-table';
import { groupIssues } from './issue-groups';
import { PushPanel } from './push-panel';
import { draftUrl, useDraftMutation } from './use-draft';

function Header({ draft }: { draft: DraftView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(draft.name);
  const patch = useDraftMutation<Record<string, unknown>>(draft.id, (body) => ({
    url: draftUrl(draft.id),
    method: 'PATCH',
    body,
  }));
  const duplicate = useMutation({
    mutationFn: () => apiFetch<DraftView>(draftUrl(draft.id, '/duplicate'), { method: 'POST' }),
    onSuccess: (copy) => {
      queryClient.setQueryData(draftKeys.detail(copy.id), copy);
      void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
      router.push(`/drafts/${copy.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(draftUrl(draft.id), { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: draftKeys.all });
      router.push('/drafts');
    },
  });
  const error = patch.error ?? duplicate.error;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        {renaming ? (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              patch.mutate({ name }, { onSuccess: () => setRenaming(false) });
            }}
          >
            <input
              aria-label="Draft name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-lg font-semibold dark:border-zinc-700 dark:bg-zinc-900"
            />
            <Button type="submit" variant="primary" size="sm">
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setRenaming(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <h1 className="text-2xl font-semibold tracking-tight">{draft.name}</h1>
        )}
        <div className="ml-auto flex flex-wrap gap-1">
          {!renaming ? (
            <Button size="sm" variant="ghost" onClick={() => setRenaming(true)}>
              Rename
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            onClick={() => duplicate.mutate()}
            disabled={duplicate.isPending}
          >
            Duplicate
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-red-700 dark:text-red-400"
            disabled={remove.isPending}
            onClick={() => setConfirming(true)}
          >
            Delete draft
          </Button>
        </div>
      </div>
      {confirming ? (
        <DeleteDraftDialog
          name={draft.name}
          entryCount={draft.entries.length}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(false)}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <label className="flex items-center gap-2">
          <span>Format</span>
          <select
            value={draft.format}
            disabled={patch.isPending}
            onChange={(e) => patch.mutate({ format: e.target.value })}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          >
            <option value="oci">OCI image index</option>
            <option value="docker">Docker manifest list</option>
          </select>
          {!draft.formatChosen && draft.entries.length === 0 ? (
            <span className="text-xs" data-testid="format-automatic">
              automatic: Docker if the first images are all Docker, else OCI
            </span>
          ) : null}
        </label>
        <span>
          {draft.entries.length} entr{draft.entries.length === 1 ? 'y' : 'ies'} ·{' '}
          {formatBytes(draft.index.size)} index
        </span>
        <span className="flex items-center gap-1">
          digest{' '}
          <span className="font-mono text-xs" title={draft.index.digest}>
            {draft.index.digest.slice(0, 19)}…
          </span>
          <CopyButton text={draft.index.digest} label="Copy digest" />
        </span>
        {draft.basedOn ? (
          <span className="font-mono text-xs" title={draft.basedOn.digest}>
            based on {draft.basedOn.reference.split('@')[0]} ({draft.basedOn.digest.slice(0, 19)}…)
          </span>
        ) : null}
        <span data-dynamic>changed {formatDate(draft.updatedAt)}</span>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

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
      <Header draft={draft} />
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
