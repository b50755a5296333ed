import { expect, test } from './support/fixtures';

// Runs last (specs run in file-name order, one worker): every write the other specs made through
// the single-user Manifold is in the activity log, each naming who made it.
test('every change of the e2e run names who made it, in the API and on /activity', async ({
  page,
  request,
}) => {
  const res = await request.get('/api/activity?limit=500');
  expect(res.status()).toBe(200);
  const { entries } = (await res.json()) as { entries: { action: string; who: string | null }[] };
  expect(entries.length).toBeGreaterThanOrEqual(5);
  expect(new Set(entries.map((e) => e.who))).toEqual(new Set(['local user']));

  await page.goto('/activity');
  const who = page.getByTestId('activity-who');
  await expect(who.first()).toBeVisible();
  expect(new Set(await who.allTextContents())).toEqual(new Set(['local user']));
});
