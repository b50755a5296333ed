import { describe, expect, it } from 'vitest';

import { filterNames, groupRepositories } from './repository-groups';

describe('groupRepositories', () => {
  it('groups by first path component, top level first, namespaces and names in natural order', () => {
    expect(
      groupRepositories([
        'demo/shazam-oci',
        'alpine',
        'demo/shazam',
        'team/app/api',
        'busybox',
        'demo/app10',
        'demo/app9',
        'team/app/web',
      ]),
    ).toEqual([
      { namespace: '', repositories: ['alpine', 'busybox'] },
      {
        namespace: 'demo',
        repositories: ['demo/app9', 'demo/app10', 'demo/shazam', 'demo/shazam-oci'],
      },
      { namespace: 'team', repositories: ['team/app/api', 'team/app/web'] },
    ]);
  });

  it('drops duplicates a registry may repeat across pages', () => {
    expect(groupRepositories(['demo/a', 'demo/a'])).toEqual([
      { namespace: 'demo', repositories: ['demo/a'] },
    ]);
  });

  it('returns no groups for no repositories', () => {
    expect(groupRepositories([])).toEqual([]);
  });
});

describe('filterNames', () => {
  const names = ['demo/shazam', 'demo/shazam-oci', 'demo/buildkit', 'library/alpine'];
  it.each([
    ['', names],
    ['  ', names],
    ['SHAZAM', ['demo/shazam', 'demo/shazam-oci']],
    ['demo oci', ['demo/shazam-oci']],
    ['alp', ['library/alpine']],
    ['nothing', []],
  ])('%j', (query, expected) => {
    expect(filterNames(names, query)).toEqual(expected);
  });
});
