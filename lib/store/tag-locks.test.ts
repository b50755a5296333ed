import { describe, expect, it } from 'vitest';

import { lockOrder } from './tag-locks';

describe('lockOrder', () => {
  it.each([
    {
      name: 'manifests before tags, each sorted, each key once',
      keys: ['r/x:b', 'r/x@sha256:2', 'r/x:a', 'r/a@sha256:9', 'r/x@sha256:1', 'r/x:a'],
      want: ['r/a@sha256:9', 'r/x@sha256:1', 'r/x@sha256:2', 'r/x:a', 'r/x:b'],
    },
    {
      // A delete names its digest first, a retag its tag first: both end up in one order.
      name: 'the same keys in any order give one order',
      keys: ['127.0.0.1:5000/demo/app:v2', '127.0.0.1:5000/demo/app@sha256:aa'],
      want: ['127.0.0.1:5000/demo/app@sha256:aa', '127.0.0.1:5000/demo/app:v2'],
    },
    {
      // Plain string order would put ':' (0x3a) before '@' (0x40): tags of a repository first.
      name: 'a tag of a repository does not sort before its digests',
      keys: ['h/r:z', 'h/r@sha256:00', 'h/q:a'],
      want: ['h/r@sha256:00', 'h/q:a', 'h/r:z'],
    },
    { name: 'nothing', keys: [], want: [] },
  ])('$name', ({ keys, want }) => {
    expect(lockOrder(keys)).toEqual(want);
    expect(lockOrder([...keys].reverse())).toEqual(want);
  });
});
