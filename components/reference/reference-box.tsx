'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { namesRegistry, pastedReference, referenceHref } from './reference-href';

/** Offers the configured registry for a name that would have gone to Docker Hub. */
function DidYouMean({ suggestion }: { suggestion: string }) {
  return (
    <p role="status" className="text-sm">
      A name without a registry means Docker Hub, which this Manifold does not contact. Did you mean{' '}
      <Link
        href={referenceHref(suggestion)}
        className="font-mono break-all text-sky-700 underline dark:text-sky-400"
      >
        {suggestion}
      </Link>
      ?
    </p>
  );
}

/**
 * A box that takes any reference a user would paste (a `docker pull` line and an https:// URL
 * too) and opens its image page. A name without a registry means Docker Hub, as for `docker
 * pull`; when Manifold may not reach Docker Hub it offers the configured registry instead.
 */
export function ReferenceBox({
  autoFocus = false,
  registries = [],
  hubAllowed = true,
}: {
  autoFocus?: boolean;
  /** The configured registries, for the examples and "did you mean". */
  registries?: string[];
  /** Whether Docker Hub may be contacted (a name without a registry goes there). */
  hubAllowed?: boolean;
}) {
  const router = useRouter();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const home = registries[0];
  const examples = [
    `${home ?? 'localhost:5000'}/demo/shazam:latest`,
    ...(hubAllowed ? ['alpine'] : []),
    'a docker pull line',
  ];

  return (
    <form
      role="search"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setSuggestion(null);
        try {
          const href = referenceHref(value);
          setError(null);
          if (!hubAllowed && home && !namesRegistry(value)) {
            setSuggestion(`${home}/${pastedReference(value).replace(/^docker:\/\//, '')}`);
            return;
          }
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
          placeholder={`e.g. ${examples.join(', ')}`}
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
      {suggestion ? <DidYouMean suggestion={suggestion} /> : null}
    </form>
  );
}
