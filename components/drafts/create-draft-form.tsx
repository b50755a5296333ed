'use client';

import { useState } from 'react';

import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';

import { isAppError } from '@/lib/errors';

import { useCreateDraft, type DraftFormatChoice } from './use-create-draft';

const inputClass =
  'w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Creates a draft (empty, or from an existing list in a registry) and opens it. */
/** Drafts are an editor's tool: without the role the user reads why instead. */
export function CreateDraftForm(props: { defaultName?: string }) {
  return (
    <RoleGate role="editor" action="Creating drafts" note>
      <CreateDraftFormBody {...props} />
    </RoleGate>
  );
}

function FormatField({
  format,
  setFormat,
}: {
  format: DraftFormatChoice;
  setFormat: (format: DraftFormatChoice) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="draft-format" className="text-sm font-medium">
        Format
      </label>
      <select
        id="draft-format"
        value={format}
        onChange={(e) => setFormat(e.target.value as DraftFormatChoice)}
        className={inputClass}
      >
        <option value="auto">Automatic (matches the images added)</option>
        <option value="oci">OCI image index</option>
        <option value="docker">Docker manifest list</option>
      </select>
    </div>
  );
}

function CreateDraftFormBody({ defaultName = '' }: { defaultName?: string }) {
  const [name, setName] = useState(defaultName);
  // 'auto': the draft takes the Docker format when the first images added are all Docker images, else OCI.
  const [format, setFormat] = useState<DraftFormatChoice>('auto');
  const [from, setFrom] = useState('');
  const create = useCreateDraft();
  const fieldErrors = isAppError(create.error) ? create.error.fieldErrors : undefined;

  return (
    <form
      className="grid gap-3 sm:grid-cols-[2fr_1fr]"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, format, from });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="draft-name" className="text-sm font-medium">
          Draft name
        </label>
        <input
          id="draft-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. shazam 1.2 for all architectures"
          className={inputClass}
          aria-invalid={fieldErrors?.name ? true : undefined}
          required
        />
      </div>
      <FormatField format={format} setFormat={setFormat} />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="draft-from" className="text-sm font-medium">
          Start from an existing list{' '}
          <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
        </label>
        <input
          id="draft-from"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          placeholder="registry/repository:tag — leave empty to start empty"
          className={`${inputClass} font-mono`}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={fieldErrors?.from ? true : undefined}
        />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create draft'}
        </Button>
        {create.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {create.error.message}
            {isAppError(create.error) && create.error.hint ? ` ${create.error.hint}` : ''}
          </p>
        ) : null}
      </div>
    </form>
  );
}
