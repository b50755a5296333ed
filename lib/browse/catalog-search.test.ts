import { describe, expect, it } from 'vitest';

import { filterNames, matchesTerms, searchTerms } from './catalog-search';

describe('catalog search terms', () => {
  it.each([
    ['', []],
    ['  ', []],
    ['Demo  Shazam', ['demo', 'shazam']],
    ['\tlib/alp ', ['lib/alp']],
  ])('splits %j into %j', (query, terms) => {
    expect(searchTerms(query)).toEqual(terms);
  });

  it('needs every term, in any order, case-insensitively', () => {
    expect(matchesTerms('demo/Shazam-app', ['shazam', 'demo'])).toBe(true);
    expect(matchesTerms('demo/shazam', ['shazam', 'arm'])).toBe(false);
    expect(matchesTerms('anything', [])).toBe(true);
  });

  it('filters names and keeps all for a blank query', () => {
    const names = ['demo/shazam', 'library/alpine', 'demo/alpine-arm'];
    expect(filterNames(names, 'alpine')).toEqual(['library/alpine', 'demo/alpine-arm']);
    expect(filterNames(names, 'demo alp')).toEqual(['demo/alpine-arm']);
    expect(filterNames(names, ' ')).toEqual(names);
  });
});
