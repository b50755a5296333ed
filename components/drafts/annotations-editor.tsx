'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { annotationPatch, type AnnotationRow } from '@/lib/drafts/annotation-patch';

const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900';

function AnnotationFields({
  idPrefix,
  row: r,
  i,
  onChange,
  onRemove,
}: {
  idPrefix: string;
  row: AnnotationRow;
  i: number;
  onChange: (row: AnnotationRow) => void;
  onRemove: () => void;
}) {
  return (
    <div className="grid grid-cols-[1fr_1fr_auto] gap-2">
      <input
        aria-label={`Annotation ${i + 1} key`}
        id={`${idPrefix}-key-${i}`}
        value={r.key}
        placeholder="org.opencontainers.image.source"
        className={inputClass}
        spellCheck={false}
        onChange={(e) => onChange({ ...r, key: e.target.value })}
      />
      <input
        aria-label={`Annotation ${i + 1} value`}
        value={r.value}
        placeholder="value"
        className={inputClass}
        spellCheck={false}
        onChange={(e) => onChange({ ...r, value: e.target.value })}
      />
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Remove annotation ${r.key || i + 1}`}
        onClick={onRemove}
      >
        ✕
      </Button>
    </div>
  );
}

/**
 * Edits a set of annotations as rows of key and value. `onSave` receives the patch: changed and new
 * keys with their value, removed keys with null.
 */
export function AnnotationsEditor({
  idPrefix,
  value,
  onSave,
  saving,
  saveLabel = 'Save annotations',
}: {
  idPrefix: string;
  value: Record<string, string>;
  onSave: (patch: Record<string, string | null>) => void;
  saving?: boolean;
  saveLabel?: string;
}) {
  const [rows, setRows] = useState<AnnotationRow[]>(() =>
    Object.entries(value).map(([k, v]) => ({ key: k, value: v })),
  );
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const result = annotationPatch(rows, value);
    if ('error' in result) return setError(result.error);
    setError(null);
    onSave(result.patch);
  };

  return (
    <div className="flex flex-col gap-2">
      {rows.length === 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">No annotations.</p>
      ) : null}
      {rows.map((r, i) => (
        <AnnotationFields
          key={i}
          idPrefix={idPrefix}
          row={r}
          i={i}
          onChange={(next) => setRows(rows.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setRows(rows.filter((_, j) => j !== i))}
        />
      ))}
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setRows([...rows, { key: '', value: '' }])}
        >
          + Annotation
        </Button>
        <Button size="sm" variant="secondary" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : saveLabel}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
