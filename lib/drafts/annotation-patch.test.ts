import { describe, expect, it } from 'vitest';

import { annotationPatch } from './annotation-patch';

const row = (key: string, value: string) => ({ key, value });

describe('annotationPatch', () => {
  it.each([
    ['nothing typed, nothing there', [], {}, {}],
    ['a new key', [row('a', '1')], {}, { a: '1' }],
    ['an unchanged key is left out', [row('a', '1')], { a: '1' }, {}],
    ['a changed value', [row('a', '2')], { a: '1' }, { a: '2' }],
    ['a removed key becomes null', [], { a: '1' }, { a: null }],
    ['a renamed key', [row('b', '1')], { a: '1' }, { a: null, b: '1' }],
    ['keys are trimmed, values kept', [row(' a ', ' x ')], {}, { a: ' x ' }],
    ['blank rows are ignored', [row('', ''), row(' ', ' ')], { a: '1' }, { a: null }],
    ['an empty value is a value', [row('a', '')], { a: '1' }, { a: '' }],
    ['the last of two equal keys wins', [row('a', '1'), row('a', '2')], {}, { a: '2' }],
  ])('%s', (_name, rows, current, patch) => {
    expect(annotationPatch(rows, current)).toEqual({ patch });
  });

  it('refuses a value without a key', () => {
    expect(annotationPatch([row('a', '1'), row(' ', 'v')], {})).toEqual({
      error: 'Every annotation needs a key',
    });
  });
});
