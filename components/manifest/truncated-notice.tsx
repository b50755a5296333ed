import type { InspectResult } from '@/lib/registry';

/** Says that the list was not expanded in full (too many entries, repeats, deep nesting), and why. */
export function TruncatedNotice({
  result,
}: {
  result: Pick<InspectResult, 'truncated' | 'truncatedMessage'>;
}) {
  if (!result.truncated) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      This list is shown in part. {result.truncatedMessage}
    </p>
  );
}
