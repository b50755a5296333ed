import { describe, expect, it } from 'vitest';

import { isDigest, shortDigest } from './digest';

describe('shortDigest', () => {
  it.each([
    [`sha256:${'ab'.repeat(32)}`, 'sha256:abababababab'],
    [`sha512:${'0'.repeat(128)}`, 'sha512:000000000000'],
    ['not-a-digest', 'not-a-digest'],
  ])('%s -> %s', (digest, want) => {
    expect(shortDigest(digest)).toBe(want);
  });
});

describe('isDigest', () => {
  it.each([
    [`sha256:${'ab'.repeat(32)}`, true],
    [`sha512:${'0'.repeat(128)}`, true],
    [`sha256:${'AB'.repeat(32)}`, false],
    [`sha256:${'a'.repeat(63)}`, false],
    [`md5:${'a'.repeat(32)}`, false],
    ['latest', false],
  ])('%s -> %s', (value, want) => {
    expect(isDigest(value)).toBe(want);
  });
});
