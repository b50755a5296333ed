import { describe, expect, it, vi } from 'vitest';

import type { TagSummary } from '@/lib/browse/tag-summary';

import { createSummaryBatcher, SUMMARY_BATCH_MAX } from './summary-batch';

const summaryOf = (tag: string): TagSummary => ({
  reference: `localhost:5000/demo/app:${tag}@sha256:${'a'.repeat(64)}`,
  digest: `sha256:${'a'.repeat(64)}`,
  kind: 'image',
  format: 'oci-image',
  platforms: [{ os: 'linux', architecture: 'amd64' }],
  totalSize: 1,
  childErrors: 0,
});

function fakeFetcher() {
  const urls: URL[] = [];
  const fetcher = vi.fn((url: string) => {
    const u = new URL(url, 'http://manifold.test');
    urls.push(u);
    const tags = u.searchParams.get('tags')!.split(',');
    const summaries = Object.fromEntries(
      tags.map((t) => [
        t,
        t === 'gone'
          ? { error: { code: 'MANIFEST_UNKNOWN', message: 'no such tag' } }
          : summaryOf(t),
      ]),
    );
    return Promise.resolve({ summaries });
  });
  return { urls, fetcher };
}

describe('createSummaryBatcher', () => {
  it('gathers the rows mounted together into one request per repository', async () => {
    const { urls, fetcher } = fakeFetcher();
    const load = createSummaryBatcher(fetcher as never);
    const [a, b, again, other] = await Promise.all([
      load('localhost:5000', 'demo/app', 'a'),
      load('localhost:5000', 'demo/app', 'b'),
      load('localhost:5000', 'demo/app', 'a'),
      load('localhost:5000', 'demo/other', 'c'),
    ]);
    expect(
      [a.reference, b.reference, again.reference, other.reference].map((r) => r.split('@')[0]),
    ).toEqual([
      'localhost:5000/demo/app:a',
      'localhost:5000/demo/app:b',
      'localhost:5000/demo/app:a',
      'localhost:5000/demo/app:c',
    ]);
    expect(
      urls.map(
        (u) => `${u.pathname} ${u.searchParams.get('repository')} ${u.searchParams.get('tags')}`,
      ),
    ).toEqual(['/api/summaries demo/app a,b', '/api/summaries demo/other c']);
  });

  it('rejects only the tag that failed, with its public error', async () => {
    const { fetcher } = fakeFetcher();
    const load = createSummaryBatcher(fetcher as never);
    const results = await Promise.allSettled([
      load('localhost:5000', 'demo/app', 'ok'),
      load('localhost:5000', 'demo/app', 'gone'),
    ]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: { code: 'MANIFEST_UNKNOWN', message: 'no such tag' },
    });
  });

  it('splits more rows than one request carries', async () => {
    const { urls, fetcher } = fakeFetcher();
    const load = createSummaryBatcher(fetcher as never);
    const tags = Array.from({ length: SUMMARY_BATCH_MAX + 10 }, (_, i) => `t${i}`);
    await Promise.all(tags.map((t) => load('localhost:5000', 'demo/app', t)));
    expect(urls.map((u) => u.searchParams.get('tags')!.split(',').length)).toEqual([
      SUMMARY_BATCH_MAX,
      10,
    ]);
  });
});
