import { Button } from '@/components/ui/button';
import { toPublicError } from '@/lib/errors';
import { listingNotice } from '@/lib/query/keys';

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

/**
 * What a paged list did not show: the registry lists more than the list loads (it stops at a page
 * cap), and names it listed that are not valid (left out). Nothing when neither happened.
 */
export function ListingNoticeText({
  pages,
  loaded,
  noun,
}: {
  pages: readonly { next?: string; dropped?: number }[] | undefined;
  loaded: number;
  noun: 'tags' | 'repositories';
}) {
  const notice = listingNotice(pages ?? []);
  if (!notice.truncated && notice.dropped === 0) return null;
  const singular = noun === 'tags' ? 'tag' : 'repository';
  return (
    <div
      className="border-t border-zinc-200 px-4 py-3 text-sm text-zinc-700 dark:border-zinc-800 dark:text-zinc-300"
      data-testid="listing-notice"
    >
      {notice.truncated ? (
        <p>
          Showing the first {loaded} {noun}; the registry lists more.
        </p>
      ) : null}
      {notice.dropped > 0 ? (
        <p>
          {notice.dropped} {notice.dropped === 1 ? 'name' : 'names'} the registry listed{' '}
          {notice.dropped === 1 ? 'is' : 'are'} not a valid {singular} name and{' '}
          {notice.dropped === 1 ? 'is' : 'are'} not shown.
        </p>
      ) : null}
    </div>
  );
}
