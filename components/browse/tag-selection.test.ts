import { describe, expect, it } from 'vitest';

import { nextSelection } from './tag-selection';

const order = ['latest', '1.2', '1.1', '1.0', 'amd64', 'arm64'];

describe('nextSelection', () => {
  it('toggles one tag without shift', () => {
    expect([...nextSelection(order, new Set(), null, '1.1', true, false)]).toEqual(['1.1']);
    expect([...nextSelection(order, new Set(['1.1', '1.0']), '1.0', '1.1', false, false)]).toEqual([
      '1.0',
    ]);
  });

  it('selects the range from the anchor with shift, in either direction', () => {
    expect([...nextSelection(order, new Set(['1.2']), '1.2', '1.0', true, true)]).toEqual([
      '1.2',
      '1.1',
      '1.0',
    ]);
    expect(
      [...nextSelection(order, new Set(['arm64']), 'arm64', '1.0', true, true)].sort(),
    ).toEqual(['1.0', 'amd64', 'arm64']);
  });

  it('clears a range with shift when the box is unchecked', () => {
    const all = new Set(order);
    expect([...nextSelection(order, all, 'latest', '1.1', false, true)]).toEqual([
      '1.0',
      'amd64',
      'arm64',
    ]);
  });

  it('falls back to one tag when the anchor is gone from the list (filtered out)', () => {
    expect([...nextSelection(order, new Set(), 'gone', 'arm64', true, true)]).toEqual(['arm64']);
  });
});
