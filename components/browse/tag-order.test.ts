import { describe, expect, it } from 'vitest';

import { filterTags, parseTagSort, sortTags } from './tag-order';

describe('sortTags', () => {
  it.each([
    {
      name: 'shazam architecture tags by version: latest first, then the rest A–Z',
      tags: ['s390x', 'amd64', 'latest', 'armv7', 'arm64', 'ppc64le'],
      sort: 'version' as const,
      want: ['latest', 'amd64', 'arm64', 'armv7', 'ppc64le', 's390x'],
    },
    {
      name: 'versions newest first in natural order, words after them',
      tags: ['1.9', 'edge', '1.10', 'latest', '2.0.0-rc1', 'v1.2', '1.9.1', 'main', '20240101'],
      sort: 'version' as const,
      want: ['latest', '20240101', '2.0.0-rc1', '1.10', '1.9.1', '1.9', 'v1.2', 'edge', 'main'],
    },
    {
      name: 'by name: plain alphabetical, latest not promoted',
      tags: ['1.9', 'latest', '1.10', 'edge'],
      sort: 'name' as const,
      want: ['1.10', '1.9', 'edge', 'latest'],
    },
    {
      name: 'by name, reversed',
      tags: ['1.9', 'latest', '1.10', 'edge'],
      sort: 'name-desc' as const,
      want: ['latest', 'edge', '1.9', '1.10'],
    },
  ])('$name', ({ tags, sort, want }) => {
    expect(sortTags(tags, sort)).toEqual(want);
  });

  it('does not modify its input', () => {
    const tags = ['b', 'a'];
    sortTags(tags, 'name');
    expect(tags).toEqual(['b', 'a']);
  });
});

describe('sortTags by last pushed', () => {
  it('puts the most recently pushed first, then the tags without a record in version order', () => {
    const pushed = {
      '1.0': '2026-01-01T00:00:00.000Z',
      stable: '2026-03-01T00:00:00.000Z',
      '2.0': '2026-02-01T00:00:00.000Z',
    };
    expect(sortTags(['1.0', 'latest', 'stable', '1.1', '2.0'], 'pushed', pushed)).toEqual([
      'stable',
      '2.0',
      '1.0',
      'latest',
      '1.1',
    ]);
  });
});

describe('parseTagSort', () => {
  it.each([
    ['name', 'name'],
    ['name-desc', 'name-desc'],
    ['version', 'version'],
    ['pushed', 'pushed'],
    ['bogus', 'version'],
    [undefined, 'version'],
  ] as const)('%s -> %s', (value, want) => {
    expect(parseTagSort(value)).toBe(want);
  });
});

describe('filterTags', () => {
  const platforms: Record<string, string[]> = {
    latest: ['linux/amd64', 'linux/arm/v7'],
    amd64: ['linux/amd64'],
    armv7: ['linux/arm/v7'],
  };
  const of = (t: string) => platforms[t];

  it('matches tag names and platforms, every term', () => {
    expect(filterTags(['latest', 'amd64', 'armv7', '1.0'], 'arm', of)).toEqual(['latest', 'armv7']);
    expect(filterTags(['latest', 'amd64', 'armv7'], 'linux amd64', of)).toEqual([
      'latest',
      'amd64',
    ]);
    expect(filterTags(['latest', 'amd64'], 'ARM/V7', of)).toEqual(['latest']);
  });

  it('matches names only while platforms are unknown, and everything for an empty query', () => {
    expect(filterTags(['latest', 'arm-edge'], 'arm', () => undefined)).toEqual(['arm-edge']);
    expect(filterTags(['b', 'a'], '  ', of)).toEqual(['b', 'a']);
  });
});
