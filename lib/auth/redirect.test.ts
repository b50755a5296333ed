import { describe, expect, it } from 'vitest';

import { safeNext } from './redirect';

describe('safeNext', () => {
  it.each([
    // Browsers drop TAB/CR/LF inside a URL and read `\` as `/`: each of these is `//evil.example`.
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r/evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t\\evil.example', '/'],
    ['//evil.example', '/'],
    ['///evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    [' /images', '/'],
    ['images', '/'],
    ['/images\u0000', '/'],
    ['/a\u2028b', '/'],
    ['', '/'],
    [null, '/'],
    [undefined, '/'],
    ['/', '/'],
    ['/images?ref=ghcr.io/a/b:1#platforms', '/images?ref=ghcr.io/a/b:1#platforms'],
    ['/settings/tokens', '/settings/tokens'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/a/../../b', '/b'],
  ])('safeNext(%j) is %j', (next, want) => {
    expect(safeNext(next, 'https://manifold.example.com')).toBe(want);
    expect(safeNext(next)).toBe(want);
  });

  it('refuses anything too long to be a path a page links to', () => {
    expect(safeNext(`/${'a'.repeat(3000)}`)).toBe('/');
  });
});
