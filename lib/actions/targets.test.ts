import { describe, expect, it } from 'vitest';

import { resolveTagRef } from './targets';

const from = { registry: '127.0.0.1:5000', repository: 'demo/shazam' };

describe('resolveTagRef', () => {
  it.each([
    ['stable', '127.0.0.1:5000/demo/shazam:stable'],
    [' v1.2.3 ', '127.0.0.1:5000/demo/shazam:v1.2.3'],
    ['demo/other:stable', '127.0.0.1:5000/demo/other:stable'],
    ['other:stable', '127.0.0.1:5000/other:stable'],
    ['127.0.0.1:5001/demo/shazam:latest', '127.0.0.1:5001/demo/shazam:latest'],
    ['docker://localhost:5000/x/y:z', 'localhost:5000/x/y:z'],
  ])('%s -> %s', (input, reference) => {
    expect(resolveTagRef(input, from).reference).toBe(reference);
  });

  it.each([
    [''],
    ['-bad'],
    ['demo/other'],
    ['demo/other@sha256:' + 'a'.repeat(64)],
    ['UPPER/case:tag'],
  ])('refuses %j', (input) => {
    expect(() => resolveTagRef(input, from)).toThrow(
      expect.objectContaining({ code: 'INVALID_REFERENCE' }) as Error,
    );
  });
});
