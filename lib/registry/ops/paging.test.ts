import { describe, expect, it } from 'vitest';

import { collectPages, walkPages, type NamePage } from './paging';

/** A listing of `pages` pages of `size` names each (endless when `pages` is Infinity). */
function listing(pages: number, size: number, name = (i: number) => `n${i}`) {
  const cursors: (string | undefined)[] = [];
  const fetchPage = (cursor: string | undefined): Promise<NamePage> => {
    cursors.push(cursor);
    const page = cursor === undefined ? 0 : Number(cursor);
    const names = Array.from({ length: size }, (_, i) => name(page * size + i));
    return Promise.resolve({
      names,
      dropped: 1,
      ...(page + 1 < pages ? { next: String(page + 1) } : {}),
    });
  };
  return { fetchPage, cursors };
}

describe('capped paging', () => {
  it('reads a listing to its end when it fits, not truncated', async () => {
    const l = listing(3, 4);
    expect(await collectPages(l.fetchPage)).toEqual({
      names: Array.from({ length: 12 }, (_, i) => `n${i}`),
      truncated: false,
      dropped: 3,
    });
    expect(l.cursors).toEqual([undefined, '1', '2']);
  });

  it('stops an endless listing at the page cap', async () => {
    const l = listing(Infinity, 2);
    const got = await collectPages(l.fetchPage, { maxPages: 5 });
    expect(got.truncated).toBe(true);
    expect(got.names).toHaveLength(10);
    expect(l.cursors).toHaveLength(5);
  });

  it('cuts the page that reaches the entry or byte cap', async () => {
    expect(await collectPages(listing(Infinity, 10).fetchPage, { maxEntries: 25 })).toMatchObject({
      truncated: true,
      names: expect.arrayContaining(['n24']) as unknown,
    });
    const long = await collectPages(listing(Infinity, 10, () => 'x'.repeat(100)).fetchPage, {
      maxBytes: 1050,
    });
    expect(long).toMatchObject({ truncated: true });
    expect(long.names).toHaveLength(10);
  });

  it('is not truncated when the last page ends exactly at a cap', async () => {
    expect(await collectPages(listing(2, 5).fetchPage, { maxEntries: 10 })).toMatchObject({
      truncated: false,
    });
    expect(await collectPages(listing(2, 5).fetchPage, { maxPages: 2 })).toMatchObject({
      truncated: false,
    });
  });

  it('yields one page at a time and stops when the signal is aborted', async () => {
    const ac = new AbortController();
    const l = listing(Infinity, 3);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of walkPages(l.fetchPage, { signal: ac.signal })) {
          seen.push(page.names.length);
          if (seen.length === 2) ac.abort(new Error('stop'));
        }
      })(),
    ).rejects.toThrow('stop');
    expect(seen).toEqual([3, 3]);
    expect(l.cursors).toHaveLength(2);
  });
});
