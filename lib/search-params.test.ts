import { describe, expect, it } from 'vitest';

import { firstParam } from './search-params';

describe('firstParam', () => {
  it('returns the value, the first of several, and nothing for absent or empty', () => {
    expect(firstParam('a')).toBe('a');
    expect(firstParam(['b', 'c'])).toBe('b');
    expect(firstParam(undefined)).toBeUndefined();
    expect(firstParam('')).toBeUndefined();
    expect(firstParam([])).toBeUndefined();
  });
});
