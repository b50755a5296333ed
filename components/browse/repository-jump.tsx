'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { imagePath, repositoryPath } from '@/lib/paths';
import { parseReference } from '@/lib/registry/pure';

/**
 * A box to open a repository of this registry by name (`library/alpine`); a tag or digest
 * (`app:1.2`) opens that image, a full reference with another host opens it there.
 */
export function RepositoryJump({
  host,
  label = 'Open a repository',
  autoFocus = false,
}: {
  host: string;
  label?: string;
  autoFocus?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className="flex max-w-xl flex-col gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const ref = parseReference(value, { defaultRegistry: host });
          setError(null);
          const target = ref.digest ?? ref.tag;
          router.push(
            target
              ? imagePath(ref.registry, ref.repository, target)
              : repositoryPath(ref.registry, ref.repository),
          );
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <label htmlFor={`${id}-name`} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={`${id}-name`}
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="e.g. library/alpine or org/app:1.2"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="none"
          className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button type="submit" variant="primary">
          Open
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
