import { describe, expect, it } from 'vitest';

import { cachedDeleteSupport, createDeleteSupportCache } from './delete-support-cache';
import { AppError } from '@/lib/errors';

/** A client whose DELETEs answer like distribution with deletes disabled (405) or enabled (404), counting them. */
function fakeClient(answer: 'disabled' | 'enabled' | 'forbidden') {
  const calls: string[] = [];
  const fail = (what: string) => {
    calls.push(what);
    if (answer === 'disabled') throw new AppError('DELETE_DISABLED', 'deletes are disabled');
    if (answer === 'forbidden') throw new AppError('DENIED', 'not allowed');
    throw new AppError('MANIFEST_UNKNOWN', 'no such manifest');
  };
  return {
    calls,
    client: {
      deleteManifest: (_repo: unknown, digest: string) =>
        Promise.resolve().then(() => fail(`manifest ${digest}`)),
      deleteTag: (_repo: unknown, tag: string) => Promise.resolve().then(() => fail(`tag ${tag}`)),
    },
  };
}

const repo = (registry: string) => ({ registry, repository: 'demo/shazam' });

describe('cachedDeleteSupport', () => {
  it('probes once per registry while the answer is fresh, again after it expires', async () => {
    let now = 1_000;
    const cache = createDeleteSupportCache({ ttlMs: 60_000, now: () => now });
    const { client, calls } = fakeClient('disabled');
    expect(await cachedDeleteSupport(client, repo('a:5000'), cache)).toEqual({
      manifests: 'disabled',
      tags: 'disabled',
    });
    expect(calls).toHaveLength(1);
    now += 59_000;
    expect(
      await cachedDeleteSupport(client, { registry: 'a:5000', repository: 'other/repo' }, cache),
    ).toEqual({ manifests: 'disabled', tags: 'disabled' });
    expect(calls).toHaveLength(1);
    await cachedDeleteSupport(client, repo('b:5000'), cache);
    expect(calls).toHaveLength(2);
    now += 2_000;
    await cachedDeleteSupport(client, repo('a:5000'), cache);
    expect(calls).toHaveLength(3);
  });

  it('remembers an enabled registry (both probe requests) and forgets on request', async () => {
    const cache = createDeleteSupportCache();
    const { client, calls } = fakeClient('enabled');
    expect(await cachedDeleteSupport(client, repo('a:5000'), cache)).toEqual({
      manifests: 'enabled',
      tags: 'supported',
    });
    expect(calls).toHaveLength(2);
    await cachedDeleteSupport(client, repo('a:5000'), cache);
    expect(calls).toHaveLength(2);
    cache.forget('a:5000');
    await cachedDeleteSupport(client, repo('a:5000'), cache);
    expect(calls).toHaveLength(4);
  });

  it('does not remember an unknown answer, and probes every time without a cache', async () => {
    const cache = createDeleteSupportCache();
    const denied = fakeClient('forbidden');
    expect((await cachedDeleteSupport(denied.client, repo('a:5000'), cache)).manifests).toBe(
      'unknown',
    );
    await cachedDeleteSupport(denied.client, repo('a:5000'), cache);
    expect(denied.calls).toHaveLength(4);
    const plain = fakeClient('disabled');
    await cachedDeleteSupport(plain.client, repo('a:5000'), undefined);
    await cachedDeleteSupport(plain.client, repo('a:5000'), undefined);
    expect(plain.calls).toHaveLength(2);
  });

  it('hands out copies, so a caller cannot change what is remembered', () => {
    const cache = createDeleteSupportCache();
    cache.set('a:5000', { manifests: 'enabled', tags: 'unsupported' });
    const hit = cache.get('a:5000')!;
    hit.manifests = 'disabled';
    expect(cache.get('a:5000')).toEqual({ manifests: 'enabled', tags: 'unsupported' });
  });
});
