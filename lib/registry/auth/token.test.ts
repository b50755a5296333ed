import { describe, expect, it } from 'vitest';

import { TokenCache, credentialsId, mergeScopes, repositoryScope, scopesCover } from './token';

describe('mergeScopes', () => {
  it.each([
    [['repository:a:pull', 'repository:a:push'], ['repository:a:pull,push']],
    [
      ['repository:b:pull', 'repository:a:push,pull'],
      ['repository:a:pull,push', 'repository:b:pull'],
    ],
    [['repository:a:pull repository:c:pull'], ['repository:a:pull', 'repository:c:pull']],
    [['repository:localhost:5000/x:pull'], ['repository:localhost:5000/x:pull']],
    [['registry:catalog:*', ''], ['registry:catalog:*']],
    [[], []],
  ])('%j -> %j', (input, expected) => {
    expect(mergeScopes(input)).toEqual(expected);
  });
});

describe('scopesCover', () => {
  it('accepts subsets and wildcards, refuses missing actions or resources', () => {
    expect(scopesCover(['repository:a:pull,push'], ['repository:a:pull'])).toBe(true);
    expect(scopesCover(['repository:a:*'], ['repository:a:delete'])).toBe(true);
    expect(scopesCover(['repository:a:pull'], ['repository:a:pull,push'])).toBe(false);
    expect(scopesCover(['repository:a:pull'], ['repository:b:pull'])).toBe(false);
    expect(scopesCover(['repository:a:pull'], [])).toBe(true);
  });
});

describe('repositoryScope / credentialsId', () => {
  it('builds scopes and ids that never contain the secret', () => {
    expect(repositoryScope('demo/app', ['pull', 'push'])).toBe('repository:demo/app:pull,push');
    const id = credentialsId({ username: 'u', password: 'hunter2' });
    expect(id).not.toContain('hunter2');
    expect(id).not.toBe(credentialsId({ username: 'u', password: 'other' }));
    expect(credentialsId(undefined)).toBe('anonymous');
  });
});

describe('TokenCache', () => {
  it('shares one fetch between concurrent callers and caches the result', async () => {
    const cache = new TokenCache();
    let fetches = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetcher = async () => {
      fetches++;
      await gate;
      return { token: `t${fetches}`, expiresIn: 300 };
    };
    const pending = Array.from({ length: 20 }, () =>
      cache.get('r', 'anon', ['repository:a:pull'], fetcher),
    );
    release();
    const tokens = await Promise.all(pending);
    expect(new Set(tokens)).toEqual(new Set(['t1']));
    expect(fetches).toBe(1);
    expect(await cache.get('r', 'anon', ['repository:a:pull'], fetcher)).toBe('t1');
    expect(fetches).toBe(1);
  });

  it('refetches after expiry minus the safety margin', async () => {
    let now = 1_000_000;
    const cache = new TokenCache(() => now);
    let n = 0;
    const fetcher = () => Promise.resolve({ token: `t${++n}`, expiresIn: 60 });
    expect(await cache.get('r', 'id', ['s:x:pull'], fetcher)).toBe('t1');
    now += 47_000; // 60 s lifetime, 12 s margin: still fresh at 47 s
    expect(await cache.get('r', 'id', ['s:x:pull'], fetcher)).toBe('t1');
    now += 2_000;
    expect(await cache.get('r', 'id', ['s:x:pull'], fetcher)).toBe('t2');
  });

  it('keeps identities and scope sets apart, and finds covering tokens', async () => {
    const cache = new TokenCache();
    await cache.get('r', 'alice', ['repository:a:pull,push'], () =>
      Promise.resolve({ token: 'A', expiresIn: 300 }),
    );
    expect(cache.find('r', 'alice', ['repository:a:pull'])).toBe('A');
    expect(cache.find('r', 'bob', ['repository:a:pull'])).toBeUndefined();
    expect(cache.find('other', 'alice', ['repository:a:pull'])).toBeUndefined();
    expect(cache.find('r', 'alice', ['repository:a:delete'])).toBeUndefined();
    cache.invalidate('A');
    expect(cache.find('r', 'alice', ['repository:a:pull'])).toBeUndefined();
  });

  it('does not cache a failed fetch', async () => {
    const cache = new TokenCache();
    await expect(cache.get('r', 'id', [], () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(
      await cache.get('r', 'id', [], () => Promise.resolve({ token: 'ok', expiresIn: 60 })),
    ).toBe('ok');
  });
});
