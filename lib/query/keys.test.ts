import { describe, expect, it } from 'vitest';

import { listingNotice, MAX_LIST_PAGES, repositoriesOptions, tagsOptions } from './keys';

const page = (next?: string, dropped?: number) => ({
  tags: [],
  repositories: [],
  ...(next ? { next } : {}),
  ...(dropped ? { dropped } : {}),
});

describe('paged lists in the browser', () => {
  it('stop asking for pages at the cap, however many the registry links', () => {
    for (const options of [tagsOptions('r', 'app'), repositoriesOptions('r')]) {
      const next = options.getNextPageParam as (
        last: { next?: string },
        all: unknown[],
      ) => string | undefined;
      expect(next(page('c1'), [page('c1')])).toBe('c1');
      expect(
        next(
          page('c2'),
          Array.from({ length: MAX_LIST_PAGES }, () => page('c')),
        ),
      ).toBe(undefined);
    }
  });

  it('say the registry lists more only when the cap cut the list, and count dropped names', () => {
    const full = Array.from({ length: MAX_LIST_PAGES }, () => page('c', 1));
    expect(listingNotice(full)).toEqual({ truncated: true, dropped: MAX_LIST_PAGES });
    expect(listingNotice([page('c'), page(undefined, 2)])).toEqual({
      truncated: false,
      dropped: 2,
    });
    expect(listingNotice([page()])).toEqual({ truncated: false, dropped: 0 });
  });
});
