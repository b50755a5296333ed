import { readFile } from 'node:fs/promises';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { buildCoveragePlan, E2E_COVERAGE, expectMissing } from '../scripts/seed-coverage';

import { SAME_ORIGIN } from './support/origin';
import { saveScreenshot } from './support/screenshots';

const registry2 = `127.0.0.1:${process.env.E2E_REGISTRY2_PORT ?? 5101}`;
const plan = buildCoveragePlan(E2E_COVERAGE);
const missingArm64 = expectMissing(plan, 'linux/arm64');

async function listedRepositories(page: Page): Promise<string[]> {
  const rows = page.locator('[role="table"][aria-label="Platform coverage"] [data-repository]');
  return (
    await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-repository') ?? ''))
  ).sort();
}

test('scan a registry namespace, filter missing linux/arm64, export CSV, add a gap to a draft', async ({
  page,
  request,
}) => {
  await page.goto(`/coverage?registry=${registry2}`);
  await page.getByRole('combobox', { name: 'Repositories' }).selectOption('namespace');
  await page.getByRole('textbox', { name: 'Namespace' }).fill('cov');
  await page.getByRole('button', { name: 'Check budget' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'requests the first time' }),
  ).toContainText(`${E2E_COVERAGE.count} repositories, about ${2 * E2E_COVERAGE.count} tags`);
  await page.getByRole('button', { name: 'Start scan' }).click();
  await expect(page.getByTestId('scan-status')).toHaveText('Done', { timeout: 45_000 });
  await expect(page.getByText(`${E2E_COVERAGE.count} repositories match.`)).toBeVisible();

  await page.getByRole('button', { name: 'Missing linux/arm64' }).click();
  await expect(page).toHaveURL(/missing=linux%2Farm64/);
  await expect(page.getByText(`${missingArm64.length} repositories match.`)).toBeVisible();
  expect(await listedRepositories(page)).toEqual(missingArm64);
  await saveScreenshot(page, 'coverage');

  // The filtered view is a URL: opened again, it shows the same rows.
  await page.reload();
  await expect(page.getByText(`${missingArm64.length} repositories match.`)).toBeVisible();
  expect(await listedRepositories(page)).toEqual(missingArm64);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe(
    'repository,tag,digest,kind,linux/amd64,linux/arm64,linux/s390x,other_platforms,broken,error',
  );
  const csvRepos = [...new Set(lines.slice(1).map((l) => l.split(',')[0]))].sort();
  expect(csvRepos).toEqual(missingArm64);
  const single = plan.find((r) => r.kind === 'single')!;
  expect(lines).toContain(
    `${single.repository},latest,${single.tags[1]!.node.digest},image,yes,,,,,`,
  );

  // Fix a gap: the single-platform image goes into a new draft from its row.
  const row = page.locator(`[data-repository="${single.repository}"]`);
  await row.getByRole('button', { name: `Add ${single.repository}:latest to a draft` }).click();
  const panel = page.getByRole('dialog', { name: 'Fix a gap' });
  await expect(panel).toContainText(`${registry2}/${single.repository}:latest`);
  await panel.getByRole('combobox', { name: 'Draft' }).selectOption({ label: 'New draft…' });
  await panel.getByLabel('New draft name').fill('arm64 for cov');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Added to arm64 for cov');
  await panel.getByRole('link', { name: 'Open draft' }).click();
  await expect(page.getByRole('heading', { name: 'arm64 for cov' })).toBeVisible();
  const draftId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const draft = (await (await request.get(`/api/drafts/${draftId}`)).json()) as {
    entries: { digest: string; label: string; source?: string }[];
  };
  expect(draft.entries.map((e) => [e.digest, e.label])).toEqual([
    [single.tags[1]!.node.digest, 'linux/amd64'],
  ]);
  expect(draft.entries[0]?.source).toContain(`${registry2}/${single.repository}`);

  // Every row links to its repository and image pages.
  await page.goBack();
  const again = page.locator(`[data-repository="${single.repository}"]`);
  await again.getByRole('link', { name: 'latest', exact: true }).click();
  await expect(page).toHaveURL(
    new RegExp(`/image/${registry2.replace(/\./g, '\\.')}/${single.repository}:latest$`),
  );
});

async function scanViaApi(request: APIRequestContext): Promise<string> {
  const started = await request.post('/api/coverage/scans', {
    headers: SAME_ORIGIN,
    data: { registry: registry2, scope: { kind: 'namespace', namespace: 'cov' } },
  });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/coverage/scans/${id}`)).json()) as { status: string })
          .status,
    )
    .toBe('succeeded');
  return id;
}

test('two scans compared, and the page fits a phone and a laptop', async ({ page, request }) => {
  // Scans of its own, through the API, so this test does not depend on the one above.
  const before = await scanViaApi(request);
  const after = await scanViaApi(request);
  await page.goto(`/coverage?registry=${registry2}&scan=${after}`);
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption(before);
  await expect(page).toHaveURL(new RegExp(`compare=${before}`));
  const totals = page.getByRole('table').filter({ hasText: 'Some tags' });
  await expect(totals.getByRole('columnheader', { name: 'Change' })).toBeVisible();
  // Nothing changed between the two scans: every platform's change is ±0.
  await expect(totals.getByRole('row').filter({ hasText: 'linux/arm64' })).toContainText('±0');
  await expect(page.getByTestId('coverage-chart').getByText('Compared scan')).toBeVisible();

  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(
      `/coverage?registry=${registry2}&scan=${after}&compare=${before}&missing=linux%2Farm64`,
    );
    await expect(page.getByText(/repositories match\./)).toBeVisible();
    // What sticks out of the viewport (a table may scroll inside its own box, not the page).
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          if (r.right <= window.innerWidth + 0.5) return false;
          for (let p = el.parentElement; p; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== 'visible') return p === document.body;
          return true;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)}`),
    );
    expect(outside).toEqual([]);
    await expect(page.getByTestId('coverage-chart').locator('svg').first()).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await saveScreenshot(page, `coverage-${width}`);
  }
});
