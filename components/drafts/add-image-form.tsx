'use client';

import { Button } from '@/components/ui/button';

import type { DraftView } from './api';
import { PlatformPicker } from './platform-picker';
import { PlatformFields } from './platform-fields';
import { useAddImage } from './use-add-image';

type AddImage = ReturnType<typeof useAddImage>;

/** The hand-set platform and annotations of what is added (folded away by default). */
function ManualFields({ a }: { a: AddImage }) {
  return (
    <details
      open={a.manual.open}
      onToggle={(e) => a.manual.setOpen(e.currentTarget.open)}
      className="text-sm"
    >
      <summary className="cursor-pointer text-zinc-600 select-none dark:text-zinc-400">
        Set platform and annotations by hand
      </summary>
      <div className="mt-2 flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Empty fields keep what the image’s config says. These only describe the entry; they do not
          choose a different image.
        </p>
        <PlatformFields idPrefix="add" value={a.manual.fields} onChange={a.manual.setFields} />
        <label
          htmlFor="add-annotations"
          className="text-xs font-medium text-zinc-600 dark:text-zinc-400"
        >
          Annotations (key=value, one per line)
        </label>
        <textarea
          id="add-annotations"
          value={a.manual.annotationText}
          onChange={(e) => a.manual.setAnnotationText(e.target.value)}
          rows={2}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
          placeholder="org.opencontainers.image.title=shazam"
          spellCheck={false}
        />
      </div>
    </details>
  );
}

function ReferenceForm({ a, defaultRegistry }: { a: AddImage; defaultRegistry?: string }) {
  const { error } = a;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void a.onSubmit();
      }}
    >
      <label htmlFor="add-reference" className="text-sm font-medium">
        Add an image by reference
      </label>
      <div className="flex gap-2">
        <input
          id="add-reference"
          value={a.reference}
          onChange={(e) => a.setReference(e.target.value)}
          placeholder={`${defaultRegistry ?? 'registry'}/repository:tag or …@sha256:…`}
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'add-error' : undefined}
          required
        />
        <Button type="submit" variant="primary" disabled={a.busy || !a.reference.trim()}>
          {a.busy ? 'Adding…' : 'Add'}
        </Button>
      </div>
      <ManualFields a={a} />
      {error ? (
        <p id="add-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
        {a.status}
      </p>
    </form>
  );
}

/**
 * The add box: type a reference (`podman manifest add`). A single image is added at once with the
 * platform from its config; a list shows its platforms to choose from (all, like --all, or some).
 * Platform fields and annotations can be set by hand.
 */
export function AddImageForm({
  draft,
  defaultRegistry,
}: {
  draft: DraftView;
  defaultRegistry?: string;
}) {
  const a = useAddImage(draft);
  const { picker } = a;
  return (
    <div className="flex flex-col gap-3">
      <ReferenceForm a={a} {...(defaultRegistry ? { defaultRegistry } : {})} />
      {picker ? (
        <PlatformPicker
          draft={draft}
          resolved={picker.resolved}
          chosen={picker.chosen}
          onChoose={(chosen) => a.setPicker({ ...picker, chosen })}
          busy={a.busy}
          onAdd={a.addPicked}
          onCancel={() => a.setPicker(null)}
        />
      ) : null}
    </div>
  );
}
