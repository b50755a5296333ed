import { describe, expect, it } from 'vitest';

import {
  formatPlatform,
  isAppError,
  normalizePlatform,
  parsePlatform,
  platformKey,
  platformsEqual,
  type Platform,
} from '@/lib/registry';

import { fc, thrown } from './settings';

const word = fc.stringMatching(/^[A-Za-z0-9_.-]{1,8}$/);
const platform: fc.Arbitrary<Platform> = fc
  .record(
    {
      os: fc.oneof(
        fc.constantFrom('linux', 'Linux', 'windows', 'macos', 'darwin', 'freebsd'),
        word,
      ),
      architecture: fc.oneof(
        fc.constantFrom(
          'amd64',
          'x86_64',
          'x86-64',
          'AMD64',
          'arm64',
          'aarch64',
          'arm',
          'armhf',
          'armel',
          'i386',
          '386',
          'ppc64le',
          's390x',
        ),
        word,
      ),
      variant: fc.oneof(
        fc.constantFrom('', 'v1', 'v5', '6', 'v7', '7', 'v8', '8', 'v9', '9.0'),
        word,
      ),
      'os.version': fc.constantFrom('', '10.0.20348.2227', '10.0.17763.5329'),
      'os.features': fc.array(fc.constantFrom('win32k', 'sse4', 'x'), { maxLength: 3 }),
      features: fc.array(fc.constantFrom('sse4', 'avx2', 'neon'), { maxLength: 3 }),
    },
    { requiredKeys: ['os', 'architecture'] },
  )
  .map((p) => p as Platform);

/** The same platform written another way: keys in another order, feature lists shuffled. */
function reordered(p: Platform, flip: boolean): Platform {
  const entries = Object.entries(p).map(([k, v]): [string, unknown] =>
    Array.isArray(v) && flip ? [k, [...(v as string[])].reverse()] : [k, v],
  );
  return Object.fromEntries(flip ? entries.reverse() : entries) as unknown as Platform;
}

/** Returns the duplicates of a list the way the draft validator finds them: by platform key. */
function duplicateKeys(list: readonly Platform[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const p of list) {
    const k = platformKey(p);
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup].sort();
}

describe('platform normalisation (properties)', { timeout: 60_000 }, () => {
  it('is idempotent, and the key does not depend on field or feature order', () => {
    fc.assert(
      fc.property(platform, fc.boolean(), (p, flip) => {
        const once = normalizePlatform(p);
        expect(normalizePlatform(once)).toEqual(once);
        expect(platformKey(once)).toBe(platformKey(p));
        expect(platformKey(reordered(p, flip))).toBe(platformKey(p));
        expect(platformsEqual(p, reordered(p, flip))).toBe(true);
      }),
    );
  });

  it('equality is symmetric and agrees with the key', () => {
    fc.assert(
      fc.property(platform, platform, (a, b) => {
        expect(platformsEqual(a, b)).toBe(platformsEqual(b, a));
        expect(platformsEqual(a, b)).toBe(platformKey(a) === platformKey(b));
      }),
    );
  });

  it('finds the same duplicates whatever the order of the list', () => {
    fc.assert(
      fc.property(
        fc
          .array(platform, { maxLength: 8 })
          .chain((list) =>
            fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
          ),
        ([list, shuffled]) => {
          expect(duplicateKeys(shuffled)).toEqual(duplicateKeys(list));
        },
      ),
    );
  });

  it('parsePlatform(formatPlatform(p)) round-trips, and any string parses or throws INVALID_PLATFORM', () => {
    fc.assert(
      fc.property(platform, fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/), (p, os) => {
        // parsePlatform reads the OS containerd's way: no '.' (that is where an OS version would go).
        const n = normalizePlatform({ os, architecture: p.architecture, variant: p.variant });
        const text = formatPlatform(n);
        expect(platformKey(parsePlatform(text))).toBe(platformKey(n));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const err = thrown(() => parsePlatform(s));
        if (err !== undefined) {
          expect(isAppError(err)).toBe(true);
          expect((err as { code: string }).code).toBe('INVALID_PLATFORM');
        }
      }),
    );
  });
});
