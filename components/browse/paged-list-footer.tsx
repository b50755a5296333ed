import { Button } from '@/components/ui/button';
import { toPublicError } from '@/lib/errors';

import { BrowseError } from './browse-error';

/** What the footer reads from a paged list's infinite query. */
interface PagedQuery {
  isError: boolean;
  isFetchNextPageError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

/** The failure of a paged list's last fetch, with a retry of what failed (the next page or the reload); nothing when it did not fail. */
export function PageFetchError({
  query,
  nextPageTitle,
  reloadTitle,
}: {
  query: PagedQuery;
  nextPageTitle: string;
  reloadTitle: string;
}) {
  if (!query.isError) return null;
  return (
    <div className="px-4 py-3">
      <BrowseError
        title={query.isFetchNextPageError ? nextPageTitle : reloadTitle}
        error={toPublicError(query.error)}
        action={
          <Button
            size="sm"
            disabled={query.isFetching}
            onClick={() =>
              void (query.isFetchNextPageError ? query.fetchNextPage() : query.refetch())
            }
          >
            Try again
          </Button>
        }
      />
    </div>
  );
}

/** The "Load more" footer of a paged list; nothing when the registry has no next page. */
export function LoadMoreFooter({
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
  label,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  label: string;
}) {
  if (!hasNextPage) return null;
  return (
    <div className="flex items-center gap-3 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <Button onClick={onLoadMore} disabled={isFetchingNextPage}>
        {isFetchingNextPage ? 'Loading…' : label}
      </Button>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        or scroll to the end of the list
      </span>
    </div>
  );
}
