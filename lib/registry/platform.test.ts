import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  comparePlatforms,
  formatPlatform,
  isUnknownPlatform,
  normalizePlatform,
  parsePlatform,
  platformKey,
  platformsEqual,
  type Platform,
} from './platform';

const p = (
  os: string,
  architecture: string,
  variant?: string,
  extra: Partial<Platform> = {},
): Platform => ({
  os,
  architecture,
  ...(variant === undefined ? {} : { variant }),
  ...extra,
});

describe('parsePlatform', () => {
  it.each<[string, Platform]>([
    ['linux/amd64', p('linux', 'amd64')],
    ['linux/arm64/v8', p('linux', 'arm64', 'v8')],
    ['linux/arm/v7', p('linux', 'arm', 'v7')],
    ['linux/riscv64', p('linux', 'riscv64')],
    [' linux/386 ', p('linux', '386')],
    ['Linux/AMD64', p('Linux', 'AMD64')],
    ['linux/aarch64', p('linux', 'aarch64')],
    [
      'windows/amd64:10.0.20348.2227',
      p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }),
    ],
    [
      'windows(10.0.17763.1697)/amd64',
      p('windows', 'amd64', undefined, { 'os.version': '10.0.17763.1697' }),
    ],
    ['windows()/amd64', p('windows', 'amd64')],
    ['unknown/unknown', p('unknown', 'unknown')],
    ['darwin/arm64', p('darwin', 'arm64')],
  ])('parses %s', (input, expected) => {
    expect(parsePlatform(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['linux', 'expected os/arch'],
    ['amd64', 'expected os/arch'],
    ['linux/', 'invalid architecture ""'],
    ['/amd64', 'invalid OS ""'],
    ['linux/amd64/v8/extra', 'expected os/arch'],
    ['linux/amd 64', 'invalid architecture'],
    ['linux/*', 'invalid architecture "*"'],
    ['linux/arm/v 7', 'invalid variant'],
    ['linux/amd64:', 'invalid OS version ""'],
    ['windows(10.0)/amd64:10.0', 'given twice'],
    ['win dows/amd64', 'invalid OS'],
  ])('rejects %j (%s)', (input, message) => {
    expect(() => parsePlatform(input)).toThrow(
      expect.objectContaining({
        code: 'INVALID_PLATFORM',
        message: expect.stringContaining(message) as string,
      }) as Error,
    );
  });
});

describe('formatPlatform', () => {
  it.each<[Platform, boolean, string]>([
    [p('linux', 'amd64'), false, 'linux/amd64'],
    [p('linux', 'arm', 'v7'), false, 'linux/arm/v7'],
    [p('linux', 'arm64', ''), false, 'linux/arm64'],
    [p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }), false, 'windows/amd64'],
    [
      p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }),
      true,
      'windows/amd64 (10.0.20348.2227)',
    ],
    [p('linux', 'amd64'), true, 'linux/amd64'],
  ])('%o (osVersion %s) -> %s', (platform, osVersion, expected) => {
    expect(formatPlatform(platform, { osVersion })).toBe(expected);
  });

  it('round-trips through parsePlatform', () => {
    for (const s of ['linux/amd64', 'linux/arm/v6', 'linux/arm64/v8', 'windows/arm64']) {
      expect(formatPlatform(parsePlatform(s))).toBe(s);
    }
  });
});

describe('normalizePlatform (containerd rules)', () => {
  it.each<[Platform, Platform]>([
    [p('linux', 'aarch64'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64')],
    [p('linux', 'arm64', '8'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v8.0'), p('linux', 'arm64')],
    [p('linux', 'aarch64', 'v8'), p('linux', 'arm64')],
    [p('linux', 'arm64', 'v9.0'), p('linux', 'arm64', 'v9')],
    [p('linux', 'arm64', 'v8.2'), p('linux', 'arm64', 'v8.2')],
    [p('linux', 'armhf'), p('linux', 'arm', 'v7')],
    [p('linux', 'armel'), p('linux', 'arm', 'v6')],
    [p('linux', 'arm'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', '7'), p('linux', 'arm', 'v7')],
    [p('linux', 'arm', '6'), p('linux', 'arm', 'v6')],
    [p('linux', 'arm', 'v5'), p('linux', 'arm', 'v5')],
    [p('linux', 'x86_64'), p('linux', 'amd64')],
    [p('linux', 'x86-64'), p('linux', 'amd64')],
    [p('linux', 'amd64', 'v1'), p('linux', 'amd64')],
    [p('linux', 'amd64', 'v3'), p('linux', 'amd64', 'v3')],
    [p('linux', 'i386'), p('linux', '386')],
    [p('Linux', 'AMD64'), p('linux', 'amd64')],
    [p('macos', 'arm64'), p('darwin', 'arm64')],
    [p('linux', 'ppc64le'), p('linux', 'ppc64le')],
    [p('linux', 'amd64', ''), p('linux', 'amd64')],
    [
      p('windows', 'amd64', undefined, {
        'os.version': '10.0.20348.2227',
        'os.features': ['win32k'],
      }),
      p('windows', 'amd64', undefined, {
        'os.version': '10.0.20348.2227',
        'os.features': ['win32k'],
      }),
    ],
    [
      p('linux', 'amd64', undefined, { 'os.version': '', 'os.features': [], features: [] }),
      p('linux', 'amd64'),
    ],
  ])('%o -> %o', (input, expected) => {
    expect(normalizePlatform(input)).toEqual(expected);
  });

  it('does not modify its argument', () => {
    const input = p('linux', 'aarch64', 'v8');
    normalizePlatform(input);
    expect(input).toEqual(p('linux', 'aarch64', 'v8'));
  });

  it('is idempotent', () => {
    for (const arch of ['aarch64', 'armhf', 'armel', 'arm', 'x86_64', 'i386', 'arm64']) {
      const once = normalizePlatform(p('linux', arch));
      expect(normalizePlatform(once)).toEqual(once);
    }
  });
});

describe('platformKey / platformsEqual', () => {
  it.each<[Platform, Platform, boolean]>([
    [p('linux', 'arm64'), p('linux', 'arm64', 'v8'), true],
    [p('linux', 'aarch64'), p('linux', 'arm64', 'v8'), true],
    [p('linux', 'arm'), p('linux', 'arm', 'v7'), true],
    [p('linux', 'armhf'), p('linux', 'arm', 'v7'), true],
    [p('linux', 'arm', 'v6'), p('linux', 'arm', 'v7'), false],
    [p('linux', 'x86_64'), p('linux', 'amd64', 'v1'), true],
    [p('linux', 'amd64'), p('linux', 'amd64', 'v2'), false],
    [p('linux', 'amd64'), p('windows', 'amd64'), false],
    [
      p('windows', 'amd64', undefined, { 'os.version': '10.0.17763.1697' }),
      p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }),
      false,
    ],
    [
      p('windows', 'amd64', undefined, { 'os.version': '10.0.17763.1697' }),
      p('windows', 'amd64'),
      false,
    ],
    [
      p('windows', 'amd64', undefined, { 'os.features': ['b', 'a'] }),
      p('windows', 'amd64', undefined, { 'os.features': ['a', 'b'] }),
      true,
    ],
    [p('linux', 'amd64', undefined, { features: ['sse4'] }), p('linux', 'amd64'), false],
  ])('%o vs %o -> %s', (a, b, equal) => {
    expect(platformsEqual(a, b)).toBe(equal);
    expect(platformKey(a) === platformKey(b)).toBe(equal);
  });

  it.each<[Platform, string]>([
    [p('linux', 'arm64', 'v8'), 'linux/arm64'],
    [p('linux', 'arm'), 'linux/arm/v7'],
    [
      p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }),
      'windows/amd64:10.0.20348.2227',
    ],
    [p('windows', 'amd64', undefined, { 'os.features': ['win32k'] }), 'windows/amd64+win32k'],
  ])('platformKey(%o) = %s', (platform, key) => {
    expect(platformKey(platform)).toBe(key);
  });
});

describe('comparePlatforms', () => {
  it('orders the platforms of the real postgres:17.11 index (Docker Hub) for display', () => {
    const index = JSON.parse(
      readFileSync(
        path.join(import.meta.dirname, 'testdata/manifests/postgres-17.11.oci-index.json'),
        'utf8',
      ),
    ) as { manifests: Array<{ platform: Platform }> };
    const sorted = index.manifests
      .map((m) => m.platform)
      .reverse()
      .sort(comparePlatforms)
      .map((x) => formatPlatform(x));
    expect(sorted).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
      'linux/riscv64',
      ...Array<string>(8).fill('unknown/unknown'),
    ]);
  });

  it('puts linux first, other OSes alphabetically, os.version numerically, unknown last', () => {
    const input = [
      p('unknown', 'unknown'),
      p('windows', 'amd64', undefined, { 'os.version': '10.0.20348.2227' }),
      p('windows', 'amd64', undefined, { 'os.version': '10.0.17763.1697' }),
      p('windows', 'amd64', undefined, { 'os.version': '10.0.9200.1' }),
      p('freebsd', 'amd64'),
      p('linux', 'loong64'),
      p('linux', 'mips64le'),
      p('linux', 'arm', 'v10'),
      p('linux', 'arm', 'v6'),
      p('linux', 'arm'),
      p('linux', 'amd64', 'v3'),
      p('linux', 'x86_64'),
      p('linux', 'aix64'),
    ];
    const sorted = [...input]
      .sort(comparePlatforms)
      .map((x) => formatPlatform(x, { osVersion: true }));
    expect(sorted).toEqual([
      'linux/x86_64',
      'linux/amd64/v3',
      'linux/arm/v6',
      'linux/arm',
      'linux/arm/v10',
      'linux/mips64le',
      'linux/aix64',
      'linux/loong64',
      'freebsd/amd64',
      'windows/amd64 (10.0.9200.1)',
      'windows/amd64 (10.0.17763.1697)',
      'windows/amd64 (10.0.20348.2227)',
      'unknown/unknown',
    ]);
  });

  it('returns 0 for equal platforms after normalisation', () => {
    expect(comparePlatforms(p('linux', 'arm64'), p('linux', 'aarch64', 'v8'))).toBe(0);
  });
});

describe('isUnknownPlatform', () => {
  it.each<[Platform | undefined, boolean]>([
    [undefined, false],
    [p('unknown', 'unknown'), true],
    [p('Unknown', 'UNKNOWN'), true],
    [p('linux', 'unknown'), false],
    [p('unknown', 'amd64'), false],
  ])('%o -> %s', (platform, expected) => {
    expect(isUnknownPlatform(platform)).toBe(expected);
  });
});
