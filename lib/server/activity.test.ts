import { describe, expect, it, vi } from 'vitest';

import type { ActivityQuery, ActivityRecord } from '@/lib/store';

vi.mock('server-only', () => ({}));

const { ACTIVITY_PAGE, activityPage } = await import('./activity');

function row(id: number): ActivityRecord {
  return {
    id,
    time: '2026-01-15T10:00:00Z',
    action: 'retag',
    registry: 'r.test',
    repository: 'demo/app',
    tag: 'latest',
    digestBefore: null,
    digestAfter: `sha256:${'a'.repeat(64)}`,
    detail: {},
  } as ActivityRecord;
}

/** A store that records the query it was asked and answers `count` rows, newest (highest id) first. */
function store(count: number) {
  const asked: ActivityQuery[] = [];
  const list = (q: ActivityQuery) => {
    asked.push(q);
    return Array.from({ length: count }, (_, i) => row(1000 - i));
  };
  return { asked, list };
}

describe('activityPage', () => {
  it('asks the store for the first page without a filter', () => {
    const s = store(3);
    const page = activityPage({}, s.list);
    expect(s.asked).toEqual([{ limit: ACTIVITY_PAGE }]);
    expect(page.rows).toHaveLength(3);
    expect(page.action).toBeUndefined();
    expect(page.olderQuery).toBeUndefined();
  });

  it('passes the filter, a known action and the cursor on', () => {
    const s = store(0);
    activityPage(
      { registry: 'r.test', repository: 'demo/app', tag: 'v1', action: 'delete', before: '42' },
      s.list,
    );
    expect(s.asked).toEqual([
      {
        registry: 'r.test',
        repositoryPart: 'demo/app',
        tag: 'v1',
        action: 'delete',
        before: 42,
        limit: ACTIVITY_PAGE,
      },
    ]);
  });

  it.each([
    ['an unknown action', { action: 'drop-table' }],
    ['empty values', { registry: '', tag: '', before: '' }],
    ['repeated values', { registry: ['a', 'b'], action: ['push', 'copy'] }],
    ['a cursor that is not a number', { before: 'x' }],
  ])('ignores %s', (_name, search) => {
    const s = store(0);
    const page = activityPage(search, s.list);
    expect(s.asked).toEqual([{ limit: ACTIVITY_PAGE }]);
    expect(page.action).toBeUndefined();
  });

  it('links the older page after a full page, keeping the filter', () => {
    const s = store(ACTIVITY_PAGE);
    const page = activityPage({ registry: 'r.test', action: 'push', tag: '' }, s.list);
    const last = 1000 - ACTIVITY_PAGE + 1;
    expect(page.olderQuery).toBe(`?registry=r.test&action=push&before=${last}`);
  });
});
