import { describe, expect, it } from 'vitest';

import { splitTags } from './tag-list';

describe('splitTags', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['stable', ['stable']],
    ['stable, v1.2', ['stable', 'v1.2']],
    ['stable,v1.2\nother/repo:tag', ['stable', 'v1.2', 'other/repo:tag']],
    [' a ,, b  a ', ['a', 'b']],
    ['host:5000/repo:tag\tx', ['host:5000/repo:tag', 'x']],
  ])('%j → %j', (text, tags) => {
    expect(splitTags(text)).toEqual(tags);
  });
});
