/**
 * The reconcile check against the real registry with events off: it records a tag moved and a
 * tag gone since it last looked, "seen by a check", and only one process takes each turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTimeline, reconcileOnce, reconcileTurn, type EventsDeps } from '@/lib/events';
import { listTagChanges, listViolations } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { openTestStore } from '@/test/integration/actions-setup';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

let registry: StartedRegistry;
let store: Awaited<ReturnType<typeof openTestStore>>;
let deps: EventsDeps;
let seeded: Record<string, string>;

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: registry.url });
  store = await openTestStore('manifold-reconcile-');
  deps = { client: clientFor([registry]) };
}, 60_000);

afterAll(async () => {
  await deps?.client.close();
  await store?.cleanup();
  await registry?.stop();
});

const repo = () => ({ registry: registry.host, repository: 'demo/shazam' });
const history = (tag: string) => buildTimeline([], listTagChanges({ ...repo(), tag }));

describe('the reconcile check', () => {
  it('records every tag of a watched pattern the first time, then only what changed while events were off', async () => {
    const watch = [{ registry: registry.host, repositories: ['demo/shaz*'] }];
    const first = await reconcileOnce(deps, watch);
    expect(first.errors).toEqual([]);
    expect(first.repositories).toBeGreaterThanOrEqual(2);
    expect(first.changes).toBe(first.tags);
    expect(history('latest')[0]).toMatchObject({
      digest: seeded['demo/shazam:latest'],
      how: 'check',
      who: null,
    });

    // Outside Manifold, with no event sent: latest loses arm64, and the arm64 tag goes.
    const { parsed } = await deps.client.getManifest(repo(), 'latest');
    const json = JSON.parse(Buffer.from(parsed.raw).toString('utf8')) as {
      manifests: { platform?: { architecture: string } }[];
    };
    json.manifests = json.manifests.filter((m) => m.platform?.architecture !== 'arm64');
    const { digest } = await deps.client.putManifest(
      repo(),
      'latest',
      Buffer.from(JSON.stringify(json)),
      parsed.mediaType,
    );
    const rule = {
      name: 'arm',
      registry: registry.host,
      repositories: ['demo/*'],
      tags: ['latest'],
      platforms: ['linux/arm64'],
    };
    const checked = { ...deps, policy: { rules: [rule], webhooks: [] } };
    expect(await reconcileOnce(checked, watch)).toMatchObject({ changes: 1, errors: [] });
    // The check judges what it sees like an event: the rule's miss and the drift are recorded.
    expect(
      listViolations({ ...repo(), tag: 'latest' }).map((v) => [v.rule, v.missing, v.via]),
    ).toEqual([
      [null, ['linux/arm64'], 'check'],
      ['arm', ['linux/arm64'], 'check'],
    ]);
    const latest = history('latest');
    expect(latest[0]).toMatchObject({ digest, how: 'check' });
    expect(latest[0]!.diff?.removed).toEqual(['linux/arm64']);

    // Nothing changed: nothing recorded.
    expect(await reconcileOnce(deps, watch)).toMatchObject({ changes: 0 });
  });

  it('records a tag that is gone as deleted', async () => {
    const shazam = repo();
    const armDigest = seeded['demo/shazam:arm64']!;
    // The arm64 tag's manifest is deleted (2.8 deletes tags only with their manifest).
    await deps.client.deleteManifest(shazam, armDigest);
    const r = await reconcileOnce(deps, [
      { registry: registry.host, repositories: ['demo/shazam'] },
    ]);
    expect(r.errors).toEqual([]);
    expect(history('arm64')[0]).toMatchObject({ digest: null, how: 'check' });
    expect(history('arm64')[1]).toMatchObject({ digest: armDigest });
  });

  it('lets one process take a turn: another sharing the store skips it until the lease runs out', async () => {
    const reconcile = {
      intervalMs: 60_000,
      watch: [{ registry: registry.host, repositories: ['demo/shazam'] }],
    };
    expect(await reconcileTurn(deps, reconcile, 'process-a')).toBeDefined();
    expect(await reconcileTurn(deps, reconcile, 'process-b')).toBeUndefined();
    // The holder renews its own turn.
    expect(await reconcileTurn(deps, reconcile, 'process-a')).toBeDefined();
  });
});
