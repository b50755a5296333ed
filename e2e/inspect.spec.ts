import { expect, test } from '@playwright/test';

import { saveScreenshot } from './support/screenshots';

const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;

test('demo/shazam:latest shows five platforms including arm/v7 and arm64/v8', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  await expect(page.getByTestId('platform-count')).toHaveText('5');
  const rows = page.getByTestId('platform-row');
  await expect(rows).toHaveCount(5);
  await expect(page.locator('[data-platform="linux/arm/v7"]')).toBeVisible();
  await expect(page.locator('[data-platform="linux/arm64/v8"]')).toBeVisible();
  await expect(page.getByText('Docker manifest list')).toBeVisible();
  await saveScreenshot(page, 'image');
});

test('the arm64 details show its environment and labels', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  await page.locator('[data-platform="linux/arm64/v8"]').getByRole('link', { name: 'linux/arm64/v8' }).click();
  const details = page.getByTestId('image-details');
  await expect(details).toBeVisible();
  const env = page.getByRole('table', { name: 'Environment' });
  await expect(env.getByRole('row', { name: /ARCH arm64/ })).toBeVisible();
  const labels = page.getByRole('table', { name: 'Labels' });
  await expect(labels.getByRole('row', { name: /com\.example\.shazam\.simd neon/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Layers' }).getByRole('listitem')).toHaveCount(2);
  await saveScreenshot(page, 'details');
});

test('comparing amd64 with arm64 highlights their differences', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/shazam:latest?tab=compare`);
  const pick = async (select: string, platform: string): Promise<void> => {
    const box = page.getByLabel(select);
    const value = await box.locator('option', { hasText: `${platform} (` }).getAttribute('value');
    await box.selectOption(value ?? '');
  };
  await pick('Left platform', 'linux/amd64');
  await pick('Right platform', 'linux/arm64/v8');
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = page.getByTestId('compare-view');
  await expect(view).toBeVisible();
  // Differences are highlighted rows; identical rows are not.
  const env = view.getByRole('table', { name: 'Variable' });
  const labels = view.getByRole('table', { name: 'Label' });
  await expect(env.locator('tr[data-differs="true"]').filter({ has: page.getByRole('rowheader', { name: /^(differs: )?ARCH$/ }) })).toBeVisible();
  await expect(labels.locator('tr[data-differs="true"]').filter({ hasText: 'com.example.shazam.simd' })).toBeVisible();
  await expect(labels.locator('tr[data-differs="false"]').filter({ hasText: 'org.opencontainers.image.title' })).toBeVisible();
  // The base layer is shared; each platform's own layer is not.
  await expect(view.locator('tr[data-shared="true"]')).toHaveCount(1);
  await expect(view.locator('tr[data-shared="false"]')).toHaveCount(2);
  await saveScreenshot(page, 'compare');
});

test('the BuildKit-shaped index shows attestation badges and no unknown/unknown platform', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/buildkit:latest`);
  const rows = page.getByTestId('platform-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('unknown/unknown')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'attestation' })).toHaveCount(2);
  await saveScreenshot(page, 'buildkit');
});

test('the Windows image shows os.version', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/windows:ltsc2022`);
  const win = page.locator('[data-platform^="windows/amd64"]');
  await expect(win).toContainText('10.0.20348.2227');
});

test('a list with a deleted child shows that row’s error and the other rows', async ({ page }) => {
  await page.goto(`/image/${registry}/demo/broken:latest`);
  const rows = page.getByTestId('platform-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('row-error')).toHaveCount(1);
  await expect(page.getByTestId('row-error')).toContainText('MANIFEST_UNKNOWN');
  await saveScreenshot(page, 'broken');
});

test('raw view shows the exact bytes and the equivalent commands', async ({ page, request }) => {
  await page.goto(`/image/${registry}/demo/shazam:latest?tab=raw`);
  await page.getByRole('button', { name: 'Verbatim' }).click();
  const api = await request.get(`/api/inspect?ref=${registry}/demo/shazam:latest&raw=1`);
  expect(api.ok()).toBe(true);
  const body = (await api.json()) as { raw: string; digest: string };
  await expect(page.getByTestId('raw-manifest')).toHaveText(body.raw);
  await expect(page.getByText(`skopeo inspect --raw --tls-verify=false docker://${registry}/demo/shazam:latest`)).toBeVisible();
  await expect(page.getByText(body.digest).first()).toBeVisible();
});
