import type { ReactNode } from 'react';

import { ErrorPanel, WithCode } from '@/components/ui/card';
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
  // A refused registry's message already names the setting that would allow it; the generic
  // hint would say it a second time.
  const hint = error.code === 'REGISTRY_NOT_ALLOWED' ? undefined : error.hint;
  return (
    <ErrorPanel
      title={title}
      message={error.message}
      hint={
        hint || action ? (
          <div className="flex flex-col items-start gap-2">
            {hint ? (
              <p>
                <WithCode text={hint} />
              </p>
            ) : null}
            {action}
          </div>
        ) : undefined
      }
    />
  );
}
