'use client';

import { useEffect } from 'react';

import { Button } from '@/components/ui/button';
import { toPublicError } from '@/lib/errors';

import { BrowseError } from './browse-error';

/** A route's error boundary content: the error logged to the console, explained, with the Next digest as a reference and a retry. */
export function RouteError({
  title,
  error,
  retry,
}: {
  title: string;
  error: unknown;
  retry: () => void;
}) {
  useEffect(() => console.error(error), [error]);
  const pub = toPublicError(error);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <BrowseError
      title={title}
      error={digest ? { ...pub, hint: `${pub.hint ?? ''} Error reference ${digest}.`.trim() } : pub}
      action={
        <Button size="sm" onClick={retry}>
          Try again
        </Button>
      }
    />
  );
}
