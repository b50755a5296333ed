import { describe, expect, it, vi } from 'vitest';

import { AppError } from '@/lib/errors';
import type { InspectedManifest, InspectResult } from '@/lib/registry';

vi.mock('server-only', () => ({}));

const { bodyOf, imageTabs, listImages, param } = await import('./image-page');
const { compareImages } = await import('./image-compare');

const dg = (c: string) => `sha256:${c.repeat(64)}`;
const image = (c: string, os: string, architecture: string): InspectedManifest => ({
  digest: dg(c),
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 100,
  kind: 'image',
  platform: { os, architecture },
});
const amd = image('a', 'linux', 'amd64');
const arm = image('b', 'linux', 'arm64');
const win = image('c', 'windows', 'amd64');

function result(over: Partial<InspectResult>): InspectResult {
  return {
    reference: 'r.test/demo/app:latest',
    registry: 'r.test',
    repository: 'demo/app',
    tag: 'latest',
    format: 'oci-index',
    digest: dg('f'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    size: 300,
    kind: 'index',
    manifests: [amd, arm],
    totalSize: 1000,
    headers: {},
    raw: '{}',
    ...over,
  };
}

describe('listImages', () => {
  it('walks nested indexes in order', () => {
    const nested: InspectedManifest = {
      digest: dg('e'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 1,
      kind: 'index',
      manifests: [arm, win],
    };
    expect(listImages(result({ manifests: [amd, nested] })).map((m) => m.digest)).toEqual([
      amd.digest,
      arm.digest,
      win.digest,
    ]);
  });

  it('is the image itself for an image', () => {
    const r = result({ kind: 'image', manifests: undefined });
    expect(listImages(r)).toEqual([r]);
  });
});

describe('tabs', () => {
  it('offers Platforms for a list and History for a tag', () => {
    expect(imageTabs(result({}), '/b').map((t) => t.id)).toEqual([
      'platforms',
      'details',
      'compare',
      'raw',
      'referrers',
      'history',
    ]);
    const byDigest = result({ kind: 'image', tag: undefined });
    expect(imageTabs(byDigest, '/b').map((t) => t.href)).toEqual([
      '/b?tab=details',
      '/b?tab=compare',
      '/b?tab=raw',
      '/b?tab=referrers',
    ]);
  });

  it.each([
    ['platforms', {}, 'platforms'],
    ['platforms', { kind: 'image' as const }, 'referrers'],
    ['history', {}, 'history'],
    ['history', { tag: undefined }, 'referrers'],
    ['details', {}, 'details'],
    ['compare', {}, 'compare'],
    ['raw', {}, 'raw'],
    ['referrers', {}, 'referrers'],
    ['nonsense', {}, 'referrers'],
  ])('tab %s of %j shows %s', (tab, over, body) => {
    expect(bodyOf(result(over), tab)).toBe(body);
  });

  it('reads the first value of a parameter', () => {
    expect(param({ tab: ['raw', 'details'] }, 'tab')).toBe('raw');
    expect(param({ tab: 'raw' }, 'tab')).toBe('raw');
    expect(param({}, 'tab')).toBeUndefined();
  });
});

describe('compareImages', () => {
  const never = () => Promise.reject(new Error('not asked'));

  it('compares the first two images when nothing is picked', async () => {
    const c = await compareImages(result({}), {}, never);
    expect(c.a?.image).toBe(amd);
    expect(c.b?.image).toBe(arm);
    expect(c.a?.title).toBe('latest · linux/amd64');
    expect(c.options.map((o) => o.label)).toEqual([
      `linux/amd64 (sha256:${'a'.repeat(12)})`,
      `linux/arm64 (sha256:${'b'.repeat(12)})`,
    ]);
    expect(c.error).toBeUndefined();
  });

  it('compares the picked images, and nothing for an unknown digest', async () => {
    const c = await compareImages(result({}), { a: arm.digest, b: amd.digest }, never);
    expect([c.a?.image, c.b?.image]).toEqual([arm, amd]);
    const none = await compareImages(result({}), { a: dg('9') }, never);
    expect([none.a, none.b]).toEqual([undefined, undefined]);
  });

  it('finds the same platform under another tag', async () => {
    const inspect = vi.fn(() => Promise.resolve(result({ tag: 'v2', manifests: [win, arm] })));
    const c = await compareImages(result({}), { a: arm.digest, otherTag: 'v2' }, inspect);
    expect(inspect).toHaveBeenCalledWith('r.test/demo/app:v2');
    expect(c.b).toEqual({ title: 'v2 · linux/arm64', image: arm });
    expect(c.otherTag).toBe('v2');
  });

  it('says when the other tag lacks the platform or cannot be read', async () => {
    const lacks = () => Promise.resolve(result({ manifests: [win] }));
    const c = await compareImages(result({}), { otherTag: 'v2' }, lacks);
    expect(c.error).toBe('Tag v2 has no linux/amd64 image.');
    expect(c.b).toBeUndefined();
    const fails = () => Promise.reject(new AppError('MANIFEST_UNKNOWN', 'no such tag v2'));
    expect((await compareImages(result({}), { otherTag: 'v2' }, fails)).error).toBe(
      'no such tag v2',
    );
  });
});
