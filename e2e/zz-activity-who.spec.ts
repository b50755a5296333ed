import { expect, test } from './support/fixtures';

// Runs last (specs run in file-name order, one worker): every write the other specs made through
// the single-user Manifold is in the activity log, each naming who made it.
test('every change of the e2e run names who made it, in the API and on /activity', async ({
  page,
  request,
}) => {
  // One write of its own, so the check never runs on an empty log.
  const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;
  const inspect = await request.get(`/api/inspect?ref=${registry}/demo/shazam:latest`);
  const { digest } = (await inspect.json()) as { digest: string };
  const retag = await request.post('/api/images/retag', {
    headers: { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3100}` },
    data: {
      registry,
      repository: 'demo/shazam',
      digest,
      targets: [{ reference: 'who-check', expectedDigest: null }],
    },
  });
  expect(retag.status(), await retag.text()).toBe(200);

  const res = await request.get('/api/activity?limit=500');
  expect(res.status()).toBe(200);
  const { entries } = (await res.json()) as { entries: { action: string; who: string | null }[] };
  expect(entries.length).toBeGreaterThanOrEqual(1);
  expect(new Set(entries.map((e) => e.who))).toEqual(new Set(['local user']));

  await page.goto('/activity');
  const who = page.getByTestId('activity-who');
  await expect(who.first()).toBeVisible();
  expect(new Set(await who.allTextContents())).toEqual(new Set(['local user']));
});
