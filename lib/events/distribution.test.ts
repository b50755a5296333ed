/**
 * The shapes are the ones distribution documents: docs/content/about/notifications.md (the pull
 * example, the full push envelope with a manifest and two layer pushes, the delete target with
 * only digest and repository) and notifications/bridge.go of v3 (TagDeleted: repository and tag;
 * RepoDeleted: repository alone).
 */
import { describe, expect, it } from 'vitest';

import { classifyDistributionEvent, parseDistributionEnvelope } from './distribution';

const D1 = 'sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf';
const D2 = 'sha256:c3b3692957d439ac1928219a83fac91e7bf96c153725526874673ae1f2023f8d';
const request = {
  id: 'asdfasdf',
  addr: 'client.local',
  host: 'registrycluster.local',
  method: 'PUT',
  useragent: 'test/0.1',
};
const source = { addr: 'hostname.local:port' };

// notifications.md, "An example of a full event", first event (plus the tag a push by tag carries).
const manifestPush = {
  id: 'asdf-asdf-asdf-asdf-0',
  timestamp: '2006-01-02T15:04:05Z',
  action: 'push',
  target: {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    digest: D1,
    length: 1,
    repository: 'library/test',
    url: `https://example.com/v2/library/test/manifests/${D2}`,
    tag: 'latest',
  },
  request,
  actor: { name: 'test-actor' },
  source,
};
// The same document's layer push.
const layerPush = {
  ...manifestPush,
  id: 'asdf-asdf-asdf-asdf-1',
  target: {
    mediaType: 'application/vnd.docker.container.image.rootfs.diff+x-gtar',
    digest: D2,
    length: 2,
    repository: 'library/test',
    url: `https://example.com/v2/library/test/blobs/${D2}`,
  },
};
// The same document's pull example (GET by tag, empty actor).
const pull = {
  id: '320678d8-ca14-430f-8bb6-4ca139cd83f7',
  timestamp: '2016-03-09T14:44:26.402973972-08:00',
  action: 'pull',
  target: {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    digest: D1,
    size: 708,
    length: 708,
    repository: 'hello-world',
    url: `http://192.168.100.227:5000/v2/hello-world/manifests/${D1}`,
    tag: 'latest',
  },
  request: { ...request, method: 'GET', useragent: 'curl/7.38.0' },
  actor: {},
  source,
};
const deleteOf = (target: Record<string, string>, id = 'del-1') => ({
  id,
  timestamp: '2024-05-01T10:00:00.123456789Z',
  action: 'delete',
  target,
  request: { ...request, method: 'DELETE' },
  actor: { name: 'ci-bot' },
  source,
});

describe('classifyDistributionEvent', () => {
  it.each([
    [
      'a manifest pushed by tag (docs example)',
      manifestPush,
      {
        kind: 'tag-push',
        id: 'asdf-asdf-asdf-asdf-0',
        time: '2006-01-02T15:04:05.000Z',
        repository: 'library/test',
        tag: 'latest',
        digest: D1,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        actor: 'test-actor',
      },
    ],
    [
      'an OCI index pushed by tag',
      {
        ...manifestPush,
        target: { ...manifestPush.target, mediaType: 'application/vnd.oci.image.index.v1+json' },
      },
      expect.objectContaining({
        kind: 'tag-push',
        mediaType: 'application/vnd.oci.image.index.v1+json',
      }),
    ],
    [
      'a 2.x manifest delete (digest and repository only)',
      deleteOf({ digest: D1, repository: 'library/test' }),
      expect.objectContaining({
        kind: 'digest-delete',
        digest: D1,
        actor: 'ci-bot',
        time: '2024-05-01T10:00:00.123Z',
      }),
    ],
    [
      'a v3 tag delete (repository and tag)',
      deleteOf({ repository: 'library/test', tag: 'v1' }),
      expect.objectContaining({ kind: 'tag-delete', tag: 'v1', repository: 'library/test' }),
    ],
    [
      'a v3 repository delete (repository alone)',
      deleteOf({ repository: 'library/test' }),
      expect.objectContaining({ kind: 'repository-delete', repository: 'library/test' }),
    ],
  ])('keeps %s', (_name, raw, want) => {
    expect(classifyDistributionEvent(raw)).toEqual(want);
  });

  it.each([
    ['a layer push (docs example)', layerPush],
    ['a manifest pull (docs example)', pull],
    [
      'a blob mount',
      { ...layerPush, action: 'mount', target: { ...layerPush.target, fromRepository: 'other' } },
    ],
    [
      'a manifest pushed by digest (a list child: no tag moved)',
      { ...manifestPush, target: { ...manifestPush.target, tag: undefined } },
    ],
    ['an event without an id', { ...manifestPush, id: '' }],
    [
      'an invalid repository name',
      { ...manifestPush, target: { ...manifestPush.target, repository: 'Upper/Case' } },
    ],
    ['an invalid tag', { ...manifestPush, target: { ...manifestPush.target, tag: '-bad' } }],
    [
      'an invalid digest',
      { ...manifestPush, target: { ...manifestPush.target, digest: 'sha256:xyz' } },
    ],
    ['not an object', 'push'],
  ])('drops %s', (_name, raw) => {
    expect(classifyDistributionEvent(raw)).toBeNull();
  });

  it('takes the delivery time when the timestamp is missing or unreadable', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(classifyDistributionEvent({ ...manifestPush, timestamp: 'yesterday' }, now)?.time).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });
});

describe('parseDistributionEnvelope', () => {
  it('keeps the manifest push of the docs envelope and drops its two layer pushes', () => {
    const body = {
      events: [manifestPush, layerPush, { ...layerPush, id: 'asdf-asdf-asdf-asdf-2' }],
    };
    const out = parseDistributionEnvelope(body);
    expect(out.events.map((e) => e.id)).toEqual(['asdf-asdf-asdf-asdf-0']);
    expect(out.dropped).toBe(2);
  });

  it.each([[{}], [{ events: 'x' }], [[manifestPush]], [null]])(
    'refuses %j with VALIDATION and a hint',
    (body) => {
      let caught: unknown;
      try {
        parseDistributionEnvelope(body);
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code: 'VALIDATION' });
      expect((caught as { hint?: string }).hint).toContain('/api/events/distribution');
    },
  );
});
