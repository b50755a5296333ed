'use client';

import type { ReactNode } from 'react';

import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { conflictsOf, isAppError } from '@/lib/errors';

import { short } from './format';

function ConflictTable({ conflicts }: { conflicts: ReturnType<typeof conflictsOf> }) {
  return (
    <table className="mt-2 w-full text-left text-xs">
      <thead>
        <tr className="text-red-800 dark:text-red-300">
          <th className="pr-2 font-medium">Tag</th>
          <th className="pr-2 font-medium">You saw</th>
          <th className="font-medium">It holds now</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {conflicts.map((c) => (
          <tr key={c.reference}>
            <td className="pr-2 break-all">{c.reference}</td>
            <td className="pr-2" title={c.expected ?? undefined} data-testid="conflict-expected">
              {c.expected ? short(c.expected) : 'no tag'}
            </td>
            <td title={c.actual ?? undefined} data-testid="conflict-actual">
              {c.actual ? short(c.actual) : 'no tag'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConflictChoices({
  onReview,
  onForce,
  forceLabel,
  busy,
}: {
  onReview: (() => void) | undefined;
  onForce: (() => void) | undefined;
  forceLabel: string;
  busy: boolean;
}) {
  // "Overwrite anyway" is the admin's call; the API refuses `force` from anyone else too.
  const forceDenial = useDenial('admin', undefined, forceLabel);
  return (
    <div className="mt-3 flex flex-wrap gap-2">
      {onReview ? (
        <Button size="sm" onClick={onReview} disabled={busy}>
          Review again
        </Button>
      ) : null}
      {onForce && !forceDenial ? (
        <Button size="sm" variant="danger" onClick={onForce} disabled={busy}>
          {forceLabel}
        </Button>
      ) : null}
      {onForce && forceDenial ? (
        <span className="self-center text-xs" data-testid="missing-control">
          {forceDenial}
        </span>
      ) : null}
    </div>
  );
}

/**
 * An action's failure: the message and hint; for a CONFLICT both digests of every tag that moved,
 * with "Review again" and an explicit "Overwrite anyway".
 */
export function ActionProblem({
  error,
  onReview,
  onForce,
  forceLabel = 'Overwrite anyway',
  busy = false,
  children,
}: {
  error: unknown;
  onReview?: () => void;
  onForce?: () => void;
  forceLabel?: string;
  busy?: boolean;
  children?: ReactNode;
}) {
  const api = isAppError(error) ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const conflicts = conflictsOf(error);
  const isConflict = api?.code === 'CONFLICT';
  return (
    <div
      role="alert"
      data-testid={isConflict ? 'conflict' : 'action-error'}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-semibold">
        {isConflict ? 'The tag changed since you looked at it' : 'It did not work'}
        {api?.code ? (
          <span className="ml-1 font-mono text-xs font-normal">({api.code})</span>
        ) : null}
      </p>
      <p className="mt-1 break-words">{message}</p>
      {api?.hint ? <p className="mt-1 text-red-800 dark:text-red-300">{api.hint}</p> : null}
      {conflicts.length > 0 ? <ConflictTable conflicts={conflicts} /> : null}
      {children}
      {isConflict && (onReview || onForce) ? (
        <ConflictChoices
          onReview={onReview}
          onForce={onForce}
          forceLabel={forceLabel}
          busy={busy}
        />
      ) : null}
    </div>
  );
}
