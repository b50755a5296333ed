import type { ReactNode } from 'react';

import { ErrorPanel } from '@/components/ui/card';
import type { PublicError } from '@/lib/errors';

/** A failure explained the way lib/error-messages words it: what happened, and what to do about it. */
export function BrowseError({
  title,
  error,
  action,
}: {
  title: string;
  error: PublicError;
  action?: ReactNode;
}) {
  return (
    <ErrorPanel
      title={title}
      message={error.message}
      hint={
        error.hint || action ? (
          <div className="flex flex-col items-start gap-2">
            {error.hint ? <p>{error.hint}</p> : null}
            {action}
          </div>
        ) : undefined
      }
    />
  );
}
