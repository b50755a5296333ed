import { describe, expect, it } from 'vitest';

import { sortTags } from './tag-order';

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
  ])('$name', ({ tags, sort, want }) => {
    expect(sortTags(tags, sort)).toEqual(want);
  });

  it('does not modify its input', () => {
    const tags = ['b', 'a'];
    sortTags(tags, 'name');
    expect(tags).toEqual(['b', 'a']);
  });
});
