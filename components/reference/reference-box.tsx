'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { referenceHref } from './reference-href';

/** A box that takes any reference a user would paste and opens its image page (`alpine` means Docker Hub, as for `docker pull`). */
export function ReferenceBox({ autoFocus = false }: { autoFocus?: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      role="search"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const href = referenceHref(value);
          setError(null);
          router.push(href);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <label htmlFor="reference" className="text-sm font-medium">
        Open an image or manifest list
      </label>
      <div className="flex gap-2">
        <input
          id="reference"
          name="reference"
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="e.g. localhost:5000/demo/shazam:latest, quay.io/org/app:1.2, alpine"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'reference-error' : undefined}
          spellCheck={false}
          autoComplete="off"
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button type="submit" variant="primary">
          Open
        </Button>
      </div>
      {error ? (
        <p id="reference-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
