import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isAppError } from '@/lib/errors';

import {
  GLOB_MAX_LENGTH,
  GLOB_MAX_WILDCARDS,
  globMatch,
  globProblem,
  type GlobSyntax,
} from './glob';

/** The reference: dynamic programming over (pattern, value) prefixes, obviously right and slow. */
function reference(pattern: string, value: string, syntax: GlobSyntax): boolean {
  const p = syntax.ignoreCase ? pattern.toLowerCase() : pattern;
  const v = syntax.ignoreCase ? value.toLowerCase() : value;
  // ok[j] after row i: p[0..i) matches v[0..j).
  let ok = Array.from({ length: v.length + 1 }, (_, j) => j === 0);
  for (const c of p) {
    const next = Array.from({ length: v.length + 1 }, () => false);
    for (let j = 0; j <= v.length; j++) {
      if (c === '*') next[j] = ok[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0)
        next[j] = ok[j - 1]! && ((c === '?' && syntax.question === true) || c === v[j - 1]);
    }
    ok = next;
  }
  return ok[v.length]!;
}

const alphabet = fc.constantFrom('a', 'b', 'A', '.', '/', '*', '?');
const word = fc.constantFrom('a', 'b', 'A', '.', '/', '?', '*');
const syntaxes: GlobSyntax[] = [
  {},
  { question: true },
  { ignoreCase: true },
  { question: true, ignoreCase: true },
];

describe('globMatch', () => {
  it.each([
    ['v*', 'v1.2', { question: true }, true],
    ['v1.?', 'v1.9', { question: true }, true],
    ['v1.?', 'v1.10', { question: true }, false],
    ['v1.?', 'v1.?', {}, true],
    ['v1.?', 'v1.9', {}, false],
    ['1.0', '1x0', {}, false],
    ['1.0+x', '1.0+x', {}, true],
    ['*a*b*', 'xxaxxbxx', {}, true],
    ['*a*b*', 'xxbxxaxx', {}, false],
    ['a*a', 'a', {}, false],
    ['*.Example.com', 'registry.example.COM', { ignoreCase: true }, true],
    ['*.Example.com', 'registry.example.com', {}, false],
    ['', '', {}, true],
    ['*', '', {}, true],
  ] as const)('%s against %s (%j) is %s', (pattern, value, syntax, want) => {
    expect(globMatch(pattern, value, syntax)).toBe(want);
  });

  it('agrees with the reference on random patterns and values', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')),
        fc.array(word, { maxLength: 16 }).map((a) => a.join('')),
        fc.constantFrom(...syntaxes),
        (pattern, value, syntax) => {
          expect(globMatch(pattern, value, syntax)).toBe(reference(pattern, value, syntax));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches every value against a pattern made from it with some characters starred', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', '.', '-'), fc.boolean()), { maxLength: 30 }),
        (chars) => {
          const value = chars.map(([c]) => c).join('');
          const pattern = chars.map(([c, star], i) => (star && i % 2 === 0 ? '*' : c)).join('');
          if (globProblem(pattern) === undefined) expect(globMatch(pattern, value)).toBe(true);
        },
      ),
    );
  });

  it('answers a pathological pattern at once (a RegExp took tens of seconds)', () => {
    const pattern = `${'*?'.repeat(8)}x`;
    const value = 'a'.repeat(10_000);
    const started = performance.now();
    expect(globMatch(pattern, value, { question: true })).toBe(false);
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*a*b', value)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('globProblem', () => {
  it('accepts patterns within the caps', () => {
    expect(globProblem('v*')).toBeUndefined();
    expect(globProblem('*'.repeat(GLOB_MAX_WILDCARDS))).toBeUndefined();
    expect(globProblem('a'.repeat(GLOB_MAX_LENGTH))).toBeUndefined();
    // `?` is a literal for grants and hosts, so it does not count there.
    expect(globProblem('?'.repeat(GLOB_MAX_WILDCARDS + 1))).toBeUndefined();
  });

  it('refuses too long patterns and too many wildcards, saying which', () => {
    expect(globProblem('a'.repeat(GLOB_MAX_LENGTH + 1))).toMatch(/at most 255 characters/);
    expect(globProblem('*?'.repeat(9), { question: true })).toMatch(/at most 16 wildcards/);
  });

  it('makes globMatch throw VALIDATION for a pattern over the caps', () => {
    let caught: unknown;
    try {
      globMatch('*?'.repeat(20), 'x', { question: true });
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught) && caught.code).toBe('VALIDATION');
  });
});
