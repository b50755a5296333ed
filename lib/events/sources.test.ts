/**
 * Each fixture in testdata/ is the example payload of the sender's own document:
 * - harbor-default-*.json, harbor-cloudevents-push.json: goharbor.io, "Configure Webhooks"
 *   (https://goharbor.io/docs/2.10.0/working-with-projects/project-configuration/configure-webhooks/),
 *   the default payload and the CloudEvents payload;
 * - zot-image-*.json: zotregistry.dev, "Events" (https://zotregistry.dev/v2.1.2/articles/events/);
 * - ghcr-registry-package-published.json: GitHub Docs, "Webhook events and payloads",
 *   registry_package (https://docs.github.com/en/webhooks/webhook-events-and-payloads#registry_package);
 * - dockerhub-push.json: Docker Docs, "Webhooks" (https://docs.docker.com/docker-hub/repos/manage/webhooks/);
 * - quay-repo-push.json: Quay docs, "Repository notifications", Repository Push
 *   (https://docs.quay.io/guides/notifications.html);
 * - ecr-image-*.json: AWS, "Amazon ECR events and EventBridge"
 *   (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html); the document's
 *   example digest is cut to 60 hex digits, the fixture's is a whole one.
 */
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { EVENT_SOURCES, type EventSourceName } from './sources';

const NOW = new Date('2026-01-01T00:00:00Z');

function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'testdata', name), 'utf8'));
}

function parse(source: EventSourceName, body: unknown, headers: Record<string, string> = {}) {
  return EVENT_SOURCES[source].parse(body, new Headers(headers), NOW);
}

describe('event source parsers', () => {
  it.each([
    [
      'harbor',
      'harbor-default-push.json',
      'harbor/alpine',
      'latest',
      'sha256:954b',
      'harbor-jobservice',
      '2023-04-03T06:04:53.000Z',
    ],
    [
      'harbor',
      'harbor-cloudevents-push.json',
      'library/busybox',
      'v1.0',
      'sha256:954b',
      'robot$library+scanner',
      '2023-03-06T06:08:43.000Z',
    ],
    [
      'zot',
      'zot-image-updated.json',
      'alpine',
      '3.21',
      'sha256:a856',
      null,
      '2025-02-10T12:00:00.000Z',
    ],
    [
      'ecr',
      'ecr-image-push.json',
      'my-repository-name',
      'latest',
      'sha256:7f5b',
      null,
      '2019-11-16T01:54:34.000Z',
    ],
    [
      'ghcr',
      'ghcr-registry-package-published.json',
      'octo-org/app',
      'latest',
      'sha256:3c2a',
      'octocat',
      '2024-05-01T10:00:00.000Z',
    ],
  ] as const)('%s %s is a tag push', (source, file, repository, tag, digest, actor, time) => {
    const { events, dropped } = parse(source, fixture(file), { 'x-github-delivery': 'd-1' });
    expect(dropped).toBe(0);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'tag-push', repository, tag, actor, time });
    expect((events[0] as { digest: string }).digest.startsWith(digest)).toBe(true);
  });

  it('GHCR takes the event id from X-GitHub-Delivery and refuses a delivery without one', () => {
    const body = fixture('ghcr-registry-package-published.json');
    expect(parse('ghcr', body, { 'x-github-delivery': 'abc-123' }).events[0]?.id).toBe('abc-123');
    expect(() => parse('ghcr', body)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('zot: the binary mode (ce-* headers, data as the body) and a typePrefix', () => {
    const ev = fixture('zot-image-updated.json') as { data: unknown };
    const headers = {
      'ce-specversion': '1.0',
      'ce-id': 'bin-1',
      'ce-type': 'com.example.registry.image.updated',
      'ce-time': '2025-02-10T12:00:00Z',
    };
    expect(parse('zot', ev.data, headers).events).toEqual([
      expect.objectContaining({ id: 'bin-1', kind: 'tag-push', repository: 'alpine', tag: '3.21' }),
    ]);
  });

  it("GHCR: GitHub's ping is dropped, not refused", () => {
    const ping = { zen: 'Design for failure.', hook_id: 1, hook: {} };
    expect(parse('ghcr', ping, { 'x-github-event': 'ping' })).toEqual({ events: [], dropped: 1 });
  });

  it('zot keeps the media type; Harbor and GHCR leave it to the HEAD', () => {
    expect(parse('zot', fixture('zot-image-updated.json')).events[0]).toMatchObject({
      mediaType: 'application/vnd.oci.image.index.v1+json',
    });
    expect(parse('harbor', fixture('harbor-default-push.json')).events[0]).toMatchObject({
      mediaType: null,
    });
  });

  it.each([
    ['dockerhub', 'dockerhub-push.json', 'svendowideit/testhook', 'trustedbuilder'],
    ['quay', 'quay-repo-push.json', 'mynamespace/repository', null],
  ] as const)(
    '%s names the tag alone: digest and media type are left to one HEAD',
    (source, file, repository, actor) => {
      const { events } = parse(source, fixture(file));
      expect(events).toEqual([
        expect.objectContaining({
          kind: 'tag-push',
          repository,
          tag: 'latest',
          digest: null,
          mediaType: null,
          actor,
        }),
      ]);
    },
  );

  it.each([
    ['zot', 'zot-image-deleted.json', 'alpine', '3.21'],
    ['ecr', 'ecr-image-delete.json', 'my-repository-name', 'latest'],
  ] as const)('%s delete is a tag delete', (source, file, repository, tag) => {
    expect(parse(source, fixture(file)).events).toEqual([
      expect.objectContaining({ kind: 'tag-delete', repository, tag }),
    ]);
  });

  it('a redelivered body without an id has the same id; another body another', () => {
    const body = fixture('dockerhub-push.json') as { push_data: { pushed_at: number } };
    const first = parse('dockerhub', body).events[0]!.id;
    expect(parse('dockerhub', structuredClone(body)).events[0]!.id).toBe(first);
    body.push_data.pushed_at += 60;
    expect(parse('dockerhub', body).events[0]!.id).not.toBe(first);
  });

  it('drops what is not a tag push or delete', () => {
    expect(parse('harbor', fixture('harbor-default-pull.json'))).toEqual({
      events: [],
      dropped: 1,
    });
    const failed = fixture('ecr-image-push.json') as { detail: { result: string } };
    failed.detail.result = 'FAILURE';
    expect(parse('ecr', failed)).toEqual({ events: [], dropped: 1 });
    const scan = {
      ...(fixture('zot-image-updated.json') as object),
      type: 'zotregistry.image.lint_failed',
    };
    expect(parse('zot', scan)).toEqual({ events: [], dropped: 1 });
    const byDigest = fixture('harbor-cloudevents-push.json') as {
      data: { resources: { tag: string; digest: string }[] };
    };
    byDigest.data.resources[0]!.tag = byDigest.data.resources[0]!.digest;
    expect(parse('harbor', byDigest)).toEqual({ events: [], dropped: 1 });
  });

  it.each(['harbor', 'zot', 'ghcr', 'dockerhub', 'quay', 'ecr'] as const)(
    '%s refuses a body of another shape with VALIDATION and a hint',
    (source) => {
      expect(() => parse(source, { events: [] }, { 'x-github-delivery': 'x' })).toThrow(
        expect.objectContaining({
          code: 'VALIDATION',
          hint: expect.stringContaining(`/api/events/${source}`) as string,
        }),
      );
    },
  );
});
