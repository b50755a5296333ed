import type { Job } from '@/components/drafts/api';
import { conflictsOf, fromPublicError, type PublicError } from '@/lib/errors';

/** Conflict details carried by a failed push: both digests per tag. */
function ConflictDetails({ error }: { error: PublicError }) {
  const conflicts = conflictsOf(fromPublicError(error));
  if (!conflicts.length) return null;
  return (
    <ul className="mt-2 space-y-1 font-mono text-xs">
      {conflicts.map((c) => (
        <li key={c.reference}>
          {c.reference}: expected {c.expected ?? 'no tag'}, found {c.actual ?? 'no tag'}
        </li>
      ))}
    </ul>
  );
}

/** Why a job failed or stopped: code, message, hint, both digests of a moved tag, whether Retry helps. */
export function JobError({ job, error }: { job: Job; error: PublicError }) {
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-semibold">
        {error.code === 'CONFLICT'
          ? 'The destination changed'
          : job.status === 'interrupted'
            ? 'Interrupted'
            : 'Push failed'}{' '}
        ({error.code})
      </p>
      <p className="mt-1">{error.message}</p>
      {error.hint ? <p className="mt-1 text-red-800 dark:text-red-300">{error.hint}</p> : null}
      <ConflictDetails error={error} />
      {error.retryable ? (
        <p className="mt-1">
          Retry resumes where it stopped: what is already in the destination is skipped.
        </p>
      ) : null}
    </div>
  );
}
