import { describe, expect, it } from 'vitest';

import type { TagRule } from './params';
import { pickNewestByDate, selectTags } from './tag-rule';

const TAGS = ['latest', 'v1.9', 'v1.10', '1.2.0', 'edge', 'v2.0-rc1', 'sha-abc'];

const CASES: [TagRule, string[]][] = [
  [{ kind: 'all' }, ['1.2.0', 'edge', 'latest', 'sha-abc', 'v1.9', 'v1.10', 'v2.0-rc1']],
  [{ kind: 'pattern', patterns: ['latest'] }, ['latest']],
  [{ kind: 'pattern', patterns: ['v*'] }, ['v1.9', 'v1.10', 'v2.0-rc1']],
  [{ kind: 'pattern', patterns: ['v1.?', 'edge'] }, ['edge', 'v1.9']],
  [{ kind: 'newest', n: 2, by: 'version' }, ['v2.0-rc1', 'v1.10']],
  [{ kind: 'newest', n: 10, by: 'version' }, ['v2.0-rc1', 'v1.10', 'v1.9', '1.2.0']],
];

describe('selectTags', () => {
  it.each(CASES)('%j', (rule, expected) => {
    expect(selectTags(TAGS, rule)).toEqual(expected);
  });

  it('falls back to latest when newest-by-version finds no version tag', () => {
    expect(selectTags(['latest', 'edge'], { kind: 'newest', n: 3, by: 'version' })).toEqual([
      'latest',
    ]);
    expect(selectTags(['edge'], { kind: 'newest', n: 3, by: 'version' })).toEqual([]);
  });

  it('takes regular-expression characters in patterns literally', () => {
    expect(selectTags(['1.0+x'], { kind: 'pattern', patterns: ['1.0+x'] })).toEqual(['1.0+x']);
    expect(selectTags(['1x0'], { kind: 'pattern', patterns: ['1.0'] })).toEqual([]);
  });

  it('picks from many tags with a pathological pattern at once (a RegExp took 45 s)', () => {
    const tags = Array.from({ length: 2000 }, (_, i) => `${'a'.repeat(100)}${i}`);
    const started = performance.now();
    expect(selectTags(tags, { kind: 'pattern', patterns: [`${'*?'.repeat(8)}!`] })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('pickNewestByDate', () => {
  it('keeps the n newest, undated last', () => {
    const tags = [
      { tag: 'a', created: '2024-01-01T00:00:00Z' },
      { tag: 'b' },
      { tag: 'c', created: '2025-06-01T00:00:00Z' },
      { tag: 'd', created: '2023-01-01T00:00:00Z' },
    ];
    expect(pickNewestByDate(tags, 2).map((t) => t.tag)).toEqual(['c', 'a']);
    expect(pickNewestByDate(tags, 4).map((t) => t.tag)).toEqual(['c', 'a', 'd', 'b']);
  });
});
