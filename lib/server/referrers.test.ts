import { describe, expect, it, vi } from 'vitest';

import { AppError } from '@/lib/errors';
import type { Descriptor, RegistryClient } from '@/lib/registry';

vi.mock('server-only', () => ({}));

const { findReferrers } = await import('./referrers');

const repo = { registry: 'r.test', repository: 'demo/app' };
const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const sig: Descriptor = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: d(9),
  size: 512,
  artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
};

/** A client that answers referrers from a table (a missing digest fails) and tags in pages. */
function fakeClient(referrers: Record<string, Descriptor[]>, tagPages: string[][] | Error) {
  const listTags = vi.fn((_repo: unknown, opts?: { cursor?: string }) => {
    if (tagPages instanceof Error) return Promise.reject(tagPages);
    const i = opts?.cursor ? Number(opts.cursor) : 0;
    const next = i + 1 < tagPages.length ? { next: String(i + 1) } : {};
    return Promise.resolve({ tags: tagPages[i] ?? [], ...next });
  });
  const client = {
    referrers: vi.fn((_repo: unknown, digest: string) => {
      const found = referrers[digest];
      return found
        ? Promise.resolve(found)
        : Promise.reject(new AppError('NAME_UNKNOWN', `no ${digest}`));
    }),
    listTags,
  } as unknown as RegistryClient;
  return { client, listTags };
}

describe('findReferrers', () => {
  it('keeps each target with its referrers, and a failing target with its error', async () => {
    const targets = [
      { digest: d(1), label: 'this manifest' },
      { digest: d(2), label: 'linux/amd64' },
    ];
    const { client } = fakeClient({ [d(1)]: [sig] }, [['latest']]);
    const { found, tags } = await findReferrers(repo, targets, client);
    expect(found.map((f) => [f.target.label, f.referrers.length, f.error !== undefined])).toEqual([
      ['this manifest', 1, false],
      ['linux/amd64', 0, true],
    ]);
    expect(found[1]?.error).toContain(d(2));
    expect(tags).toEqual(['latest']);
  });

  it('reads at most five pages of tags', async () => {
    const pages = Array.from({ length: 7 }, (_, i) => [`t${i}`]);
    const { client, listTags } = fakeClient({}, pages);
    const { tags } = await findReferrers(repo, [], client);
    expect(tags).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(listTags).toHaveBeenCalledTimes(5);
  });

  it('stops at the last page', async () => {
    const { client, listTags } = fakeClient({}, [['a', 'b'], ['c']]);
    expect((await findReferrers(repo, [], client)).tags).toEqual(['a', 'b', 'c']);
    expect(listTags).toHaveBeenCalledTimes(2);
  });

  it('answers undefined tags when the tag list cannot be read', async () => {
    const { client } = fakeClient({ [d(1)]: [] }, new AppError('DENIED', 'no list'));
    const { found, tags } = await findReferrers(repo, [{ digest: d(1) }], client);
    expect(tags).toBeUndefined();
    expect(found).toEqual([{ target: { digest: d(1) }, referrers: [], error: undefined }]);
  });
});
