'use client';

import { useEffect } from 'react';

import { BrowseError } from '@/components/browse/browse-error';
import { Button } from '@/components/ui/button';
import { toPublicError } from '@/lib/error-messages';

export default function ImageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const pub = toPublicError(error);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <BrowseError
      title="This image could not be shown"
      error={digest ? { ...pub, hint: `${pub.hint ?? ''} Error reference ${digest}.`.trim() } : pub}
      action={
        <Button size="sm" onClick={retry}>
          Try again
        </Button>
      }
    />
  );
}
