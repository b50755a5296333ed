import { describe, expect, it } from 'vitest';

import type { ActivityRecord, TagChangeRecord } from '@/lib/store';

import { buildTimeline, diffPlatforms } from './timeline';

const key = { registry: 'r:5000', repository: 'team/app', tag: 'latest' };
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const both = [
  { platform: 'linux/amd64', digest: `sha256:${'1'.repeat(64)}` },
  { platform: 'linux/arm64', digest: `sha256:${'2'.repeat(64)}` },
];
const amd64Only = [both[0]!];

let id = 0;
const change = (
  time: string,
  digest: string | null,
  extra: Partial<TagChangeRecord> = {},
): TagChangeRecord => ({
  id: ++id,
  ...key,
  digest,
  mediaType: null,
  platforms: null,
  time,
  via: 'event',
  actor: 'ci-bot',
  ...extra,
});
const activity = (
  time: string,
  digestAfter: string | null,
  action: ActivityRecord['action'] = 'retag',
): ActivityRecord => ({
  id: ++id,
  time,
  action,
  ...key,
  digestBefore: null,
  digestAfter,
  jobId: null,
  detail: {},
  who: 'ada',
  whoId: 'user:ada',
});

describe('buildTimeline', () => {
  it('gives each digest the tag held a period, newest first, with who and how', () => {
    const t = buildTimeline(
      [],
      [
        change('2026-01-01T10:00:00Z', A, { platforms: both }),
        change('2026-01-02T10:00:00Z', B, { platforms: amd64Only }),
        change('2026-01-03T10:00:00Z', null, { actor: null }),
        change('2026-01-04T10:00:00Z', C, { via: 'check', actor: null }),
      ],
    );
    expect(t.map((e) => [e.digest, e.from, e.to, e.who, e.how])).toEqual([
      [C, '2026-01-04T10:00:00Z', null, null, 'check'],
      [null, '2026-01-03T10:00:00Z', '2026-01-04T10:00:00Z', null, 'event'],
      [B, '2026-01-02T10:00:00Z', '2026-01-03T10:00:00Z', 'ci-bot', 'event'],
      [A, '2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', 'ci-bot', 'event'],
    ]);
    expect(t[2]!.diff).toEqual({ added: [], removed: ['linux/arm64'], replaced: [] });
    expect(t[3]!.diff).toBeNull();
  });

  it("folds the registry's event for Manifold's own write into one entry named after the user", () => {
    const t = buildTimeline(
      [activity('2026-01-01T10:00:01Z', A)],
      [change('2026-01-01T10:00:00Z', A, { platforms: both })],
    );
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({
      digest: A,
      who: 'ada',
      how: 'manifold',
      action: 'retag',
      platforms: both,
    });
  });

  it('keeps a later, separate report of the same digest inside the period (a check seeing it again)', () => {
    const t = buildTimeline(
      [],
      [change('2026-01-01T10:00:00Z', A), change('2026-01-05T10:00:00Z', A, { via: 'check' })],
    );
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ how: 'event', who: 'ci-bot', to: null });
  });
});

describe('buildTimeline from Manifold rows alone', () => {
  it('starts with the digest the first change replaced, from before the records begin', () => {
    const row = { ...activity('2026-01-01T10:00:00Z', B, 'remove-platform'), digestBefore: A };
    const t = buildTimeline([row], []);
    expect(t.map((e) => [e.digest, e.from, e.to, e.action])).toEqual([
      [B, '2026-01-01T10:00:00Z', null, 'remove-platform'],
      [A, null, '2026-01-01T10:00:00Z', null],
    ]);
  });
});

describe('diffPlatforms', () => {
  it('names added, removed and replaced platforms', () => {
    const replaced = [
      { platform: 'linux/amd64', digest: `sha256:${'9'.repeat(64)}` },
      { platform: 'linux/s390x', digest: `sha256:${'3'.repeat(64)}` },
    ];
    expect(diffPlatforms(both, replaced)).toEqual({
      added: ['linux/s390x'],
      removed: ['linux/arm64'],
      replaced: ['linux/amd64'],
    });
    expect(diffPlatforms(null, both)).toBeNull();
  });
});
