import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  findChallenge,
  insufficientScope,
  parseScopes,
  parseWwwAuthenticate,
  resolveRealm,
  type Challenge,
} from './challenge';

const table = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'testdata', 'www-authenticate.json'), 'utf8'),
) as { cases: Array<{ name: string; header: string; expect: Challenge[] }> };

describe('parseWwwAuthenticate', () => {
  it.each(table.cases)('$name', ({ header, expect: expected }) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it('concatenates the challenges of several header lines', () => {
    expect(
      parseWwwAuthenticate(['Basic realm="a"', 'Bearer realm="https://b/token",service="b"']),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a' } },
      { scheme: 'bearer', params: { realm: 'https://b/token', service: 'b' } },
    ]);
  });

  it.each([null, undefined, [], '', '   ', ','])('returns [] for %j', (header) => {
    expect(parseWwwAuthenticate(header)).toEqual([]);
  });
});

describe('resolveRealm', () => {
  it.each([
    [
      'https://auth.docker.io/token',
      'https://registry-1.docker.io/v2/library/alpine/manifests/latest',
      'https://auth.docker.io/token',
    ],
    ['/v2/token', 'https://registry.local:5000/v2/', 'https://registry.local:5000/v2/token'],
    ['token', 'http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000/v2/token'],
    [
      '//auth.example.com/token',
      'https://registry.example.com/v2/',
      'https://auth.example.com/token',
    ],
    ['http://[::1]:5001/auth', 'http://[::1]:5000/v2/', 'http://[::1]:5001/auth'],
  ])('%s against %s -> %s', (realm, requestUrl, expected) => {
    expect(resolveRealm(realm, requestUrl)).toBe(expected);
    expect(resolveRealm(realm, new URL(requestUrl))).toBe(expected);
  });

  it.each([
    ['file:///etc/passwd', 'not an http(s) URL'],
    ['javascript:alert(1)', 'not an http(s) URL'],
    ['http://[bad', 'invalid auth realm'],
  ])('rejects %s', (realm, message) => {
    expect(() => resolveRealm(realm, 'https://registry.example.com/v2/')).toThrow(
      expect.objectContaining({
        code: 'INVALID_RESPONSE',
        message: expect.stringContaining(message) as string,
      }) as Error,
    );
  });
});

describe('parseScopes', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['repository:library/alpine:pull', ['repository:library/alpine:pull']],
    [
      'repository:dst/app:pull,push repository:src/app:pull',
      ['repository:dst/app:pull,push', 'repository:src/app:pull'],
    ],
    ['  registry:catalog:*   repository:a:delete ', ['registry:catalog:*', 'repository:a:delete']],
  ])('%j -> %j', (scope, expected) => {
    expect(parseScopes(scope)).toEqual(expected);
  });
});

describe('insufficientScope / findChallenge', () => {
  it('flags only the insufficient_scope challenge among the real headers', () => {
    const flagged = table.cases
      .filter((c) => parseWwwAuthenticate(c.header).some((ch) => insufficientScope(ch)))
      .map((c) => c.name);
    expect(flagged).toEqual(['Docker Hub, push with a pull-only token']);
  });

  it('detects insufficient_scope only from the error parameter', () => {
    const [c] = parseWwwAuthenticate(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push",error="insufficient_scope"',
    );
    expect(c && insufficientScope(c)).toBe(true);
    expect(insufficientScope({ scheme: 'bearer', params: { error: 'invalid_token' } })).toBe(false);
    expect(insufficientScope({ scheme: 'bearer', params: {} })).toBe(false);
  });

  it('finds a challenge by scheme, case-insensitively', () => {
    const challenges = parseWwwAuthenticate('Basic realm="simple", Bearer realm="https://a/token"');
    expect(findChallenge(challenges, 'Bearer')?.params.realm).toBe('https://a/token');
    expect(findChallenge(challenges, 'basic')?.params.realm).toBe('simple');
    expect(findChallenge(challenges, 'digest')).toBeUndefined();
  });
});
