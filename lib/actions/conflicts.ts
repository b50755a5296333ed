import { fail, type Failure } from '@/lib/errors';
import { tagConflictError, type TagConflict } from '@/lib/registry';

/** Returns the CONFLICT failure for tags that moved: both digests in the message and in `details.conflicts`. */
export function conflictFailure(conflicts: readonly TagConflict[]): Failure {
  const err = tagConflictError(conflicts);
  return fail('CONFLICT', err.message, {
    hint: 'Nothing was written. Review the current state, or choose "Overwrite anyway".',
    details: err.details,
  });
}
