import { describe, expect, it } from 'vitest';

import type { AuthRequest } from '../auth/authenticator';
import { MANIFEST_ACCEPT } from '../media-types';
import type { OperationContext } from './context';
import { endpointPath, send, type SendOptions } from './send';
import type { EndpointName } from './endpoints';
import { caught } from '@/test/support/caught';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const repo = { registry: 'r.test:5000', repository: 'demo/app' };

/** Returns the request `send` hands to the authenticator. */
async function requestOf(
  name: EndpointName,
  target: typeof repo | string,
  opts?: SendOptions,
): Promise<AuthRequest> {
  let seen: AuthRequest | undefined;
  const ctx = {
    auth: {
      request: (req: AuthRequest) => {
        seen = req;
        return Promise.resolve({});
      },
    },
  } as unknown as OperationContext;
  await send(ctx, name, target, opts);
  return seen!;
}

describe('send', () => {
  it.each<[EndpointName, SendOptions, Partial<AuthRequest>]>([
    [
      'headManifest',
      { params: { reference: 'v1' } },
      {
        method: 'HEAD',
        path: '/v2/demo/app/manifests/v1',
        headers: { accept: MANIFEST_ACCEPT },
        scopes: ['repository:demo/app:pull'],
        expectStatus: [200, 404],
        notFound: 'manifest',
      },
    ],
    [
      'putManifest',
      { params: { reference: 'v1' }, headers: { 'content-type': 'x/y' } },
      {
        method: 'PUT',
        path: '/v2/demo/app/manifests/v1',
        headers: { 'content-type': 'x/y' },
        idempotent: true,
        scopes: ['repository:demo/app:pull,push'],
        notFound: 'repository',
      },
    ],
    [
      'deleteManifest',
      { params: { reference: DIGEST } },
      { method: 'DELETE', scopes: ['repository:demo/app:delete'], expectStatus: [200, 202, 204] },
    ],
    [
      'mountBlob',
      { params: { mount: DIGEST, from: 'other/base' } },
      {
        method: 'POST',
        path: `/v2/demo/app/blobs/uploads/?mount=sha256%3A${'a'.repeat(64)}&from=other%2Fbase`,
        scopes: ['repository:demo/app:pull,push', 'repository:other/base:pull'],
        headers: { 'content-length': '0' },
      },
    ],
    [
      'referrers',
      { params: { digest: DIGEST } },
      { path: `/v2/demo/app/referrers/${DIGEST}`, maxBodyBytes: 4 * 1024 * 1024 },
    ],
    [
      'patchUpload',
      { url: 'http://r.test:5000/upload/1?state=x', headers: { 'content-range': '0-9' } },
      {
        url: 'http://r.test:5000/upload/1?state=x',
        headers: { 'content-type': 'application/octet-stream', 'content-range': '0-9' },
        notFound: 'upload',
      },
    ],
  ])('%s declares method, path, scope and not-found kind once', async (name, opts, expected) => {
    const req = await requestOf(name, repo, opts);
    expect(req).toMatchObject({
      registry: repo.registry,
      repository: repo.repository,
      ...expected,
    });
  });

  it('sends registry-wide requests without a repository, and ping without scopes', async () => {
    expect(await requestOf('catalog', 'r.test:5000')).toEqual({
      registry: 'r.test:5000',
      method: 'GET',
      path: '/v2/_catalog',
      headers: { accept: 'application/json' },
      scopes: ['registry:catalog:*'],
      expectStatus: 200,
      maxBodyBytes: 16 * 1024 * 1024,
    });
    expect(await requestOf('ping', 'r.test:5000', { signal: undefined })).toEqual({
      registry: 'r.test:5000',
      method: 'GET',
      path: '/v2/',
      signal: undefined,
      expectStatus: 200,
    });
  });

  it('adds only the query params given, and no cap or signal unless asked', async () => {
    const plain = await requestOf('referrers', repo, { params: { digest: DIGEST } });
    expect(plain.path).toBe(`/v2/demo/app/referrers/${DIGEST}`);
    expect('signal' in plain).toBe(false);
    const filtered = await requestOf('referrers', repo, {
      params: { digest: DIGEST, artifactType: 'application/vnd.example+json' },
    });
    expect(filtered.path).toBe(
      `/v2/demo/app/referrers/${DIGEST}?artifactType=application%2Fvnd.example%2Bjson`,
    );
    expect(
      'maxBodyBytes' in (await requestOf('getBlob', repo, { params: { digest: DIGEST } })),
    ).toBe(false);
  });

  it('refuses an invalid repository, mount source or missing param before any request', async () => {
    for (const [name, target, opts] of [
      ['headManifest', { ...repo, repository: 'Demo/App' }, { params: { reference: 'v1' } }],
      ['mountBlob', repo, { params: { mount: DIGEST, from: '../etc' } }],
    ] as const) {
      const err = await caught(requestOf(name, target, opts));
      expect(err.code).toBe('NAME_INVALID');
    }
    const missing = await caught(requestOf('headManifest', repo, {}));
    expect(missing.code).toBe('INVALID_ARGUMENT');
    const noUrl = await caught(requestOf('patchUpload', repo, {}));
    expect(noUrl.code).toBe('INVALID_ARGUMENT');
  });

  it('gives the path of a listing for its page cursor', () => {
    expect(endpointPath('listTags', repo)).toBe('/v2/demo/app/tags/list');
    expect(endpointPath('catalog', 'r.test:5000')).toBe('/v2/_catalog');
  });
});
