'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { entryUrl, type DraftView } from './api';
import { AnnotationsEditor } from './annotations-editor';
import { PlatformFields, fieldsToPlatform, platformToFields } from './platform-fields';
import { useDraftMutation } from './use-draft';

type Entry = DraftView['entries'][number];

/** Edits one entry of a draft in place: its platform and its annotations. */
export function EntryEditor({
  draftId,
  entry,
  onDone,
}: {
  draftId: string;
  entry: Entry;
  onDone: () => void;
}) {
  const [fields, setFields] = useState(() => platformToFields(entry.platform));
  const annotate = useDraftMutation<{
    platform?: unknown;
    annotations?: Record<string, string | null>;
  }>(draftId, (body) => ({
    url: entryUrl(draftId, entry.digest),
    method: 'PATCH',
    body,
  }));
  return (
    <div className="flex flex-col gap-3 rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex flex-col gap-2">
        <p className="text-xs font-semibold">Platform of this entry</p>
        <PlatformFields
          idPrefix={`edit-${entry.digest.slice(7, 19)}`}
          value={fields}
          onChange={setFields}
        />
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="secondary"
            disabled={annotate.isPending}
            onClick={() => annotate.mutate({ platform: fieldsToPlatform(fields) })}
          >
            Save platform
          </Button>
          {entry.platform ? (
            <Button
              size="sm"
              variant="ghost"
              disabled={annotate.isPending}
              onClick={() => annotate.mutate({ platform: null })}
            >
              Clear platform fields
            </Button>
          ) : null}
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <p className="text-xs font-semibold">Annotations of this entry</p>
        <AnnotationsEditor
          idPrefix={`ann-${entry.digest.slice(7, 19)}`}
          value={entry.annotations ?? {}}
          saving={annotate.isPending}
          onSave={(patch) => annotate.mutate({ annotations: patch })}
        />
      </div>
      {annotate.error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {annotate.error.message}
        </p>
      ) : null}
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </div>
  );
}
