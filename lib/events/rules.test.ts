import { describe, expect, it } from 'vitest';

import type { PlatformRule } from '@/lib/config-events';

import { violationsOf } from './rules';
import type { TimelineEntry } from './timeline';
import { deliverWebhook, signBody } from './webhooks';

const rule: PlatformRule = {
  name: 'team-a',
  registry: 'r.test',
  repositories: ['team-a/*'],
  tags: ['v*', 'latest'],
  platforms: ['linux/amd64', 'linux/arm64/v8'],
};
const key = { registry: 'r.test', repository: 'team-a/app', tag: 'latest' };
const d = (c: string) => `sha256:${c.repeat(64)}`;
const entry = (platforms: string[] | null, removed: string[] = []): TimelineEntry => ({
  digest: d('a'),
  from: '2026-01-01T00:00:00Z',
  to: null,
  who: 'ci',
  how: 'event',
  action: null,
  platforms: platforms?.map((platform, i) => ({ platform, digest: d(String(i)) })) ?? null,
  diff: { added: [], removed, replaced: [] },
});

describe('violationsOf', () => {
  it('names the required platforms a matching tag lacks (arm64/v8 is arm64), and drift apart', () => {
    expect(violationsOf([rule], key, entry(['linux/amd64'], ['linux/arm64']))).toEqual([
      { rule: 'team-a', missing: ['linux/arm64/v8'] },
      { rule: null, missing: ['linux/arm64'] },
    ]);
    expect(violationsOf([rule], key, entry(['linux/amd64', 'linux/arm64']))).toEqual([]);
  });

  it('leaves tags, repositories and registries the rule does not name, and unknown platforms', () => {
    const amd = entry(['linux/amd64']);
    expect(violationsOf([rule], { ...key, tag: 'dev' }, amd)).toEqual([]);
    expect(violationsOf([rule], { ...key, repository: 'team-b/app' }, amd)).toEqual([]);
    expect(violationsOf([rule], { ...key, registry: 'other.test' }, amd)).toEqual([]);
    expect(violationsOf([rule], key, entry(null))).toEqual([]);
  });
});

describe('deliverWebhook', () => {
  const hook = { url: 'http://127.0.0.1:9/hook', secret: 'a-webhook-secret-0000' };

  it('signs the body and tries again after a 5xx or a network error, then stops at 2xx', async () => {
    const seen: { body: string; sig: string | null }[] = [];
    const answers: (number | Error)[] = [503, new Error('ECONNREFUSED'), 200];
    const fetchImpl = ((_url: string, init: RequestInit) => {
      seen.push({
        body: init.body as string,
        sig: new Headers(init.headers).get('x-manifold-signature-256'),
      });
      const a = answers.shift()!;
      return a instanceof Error
        ? Promise.reject(a)
        : Promise.resolve(new Response('', { status: a }));
    }) as typeof fetch;
    expect(await deliverWebhook(hook, { text: 'x' }, { fetchImpl, baseMs: 1 })).toBe(true);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.sig).toBe(signBody(hook.secret, '{"text":"x"}'));
  });

  it('gives up on a 4xx at once, and after the last try', async () => {
    let calls = 0;
    const answer = (status: number) =>
      (() => {
        calls++;
        return Promise.resolve(new Response('', { status }));
      }) as typeof fetch;
    expect(await deliverWebhook(hook, {}, { fetchImpl: answer(404), baseMs: 1 })).toBe(false);
    expect(calls).toBe(1);
    calls = 0;
    expect(await deliverWebhook(hook, {}, { fetchImpl: answer(500), baseMs: 1, attempts: 3 })).toBe(
      false,
    );
    expect(calls).toBe(3);
  });
});
