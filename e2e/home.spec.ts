import { expect, test } from '@playwright/test';

import { saveScreenshot } from './support/screenshots';

const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;

test('home page lists the demo registry as reachable and opens a pasted reference', async ({
  page,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Manifest lists, by point and click' }),
  ).toBeVisible();
  const row = page.locator(`[data-registry="${registry}"]`);
  await expect(row.getByTestId('registry-status')).toHaveText('reachable');
  await saveScreenshot(page, 'home', { fullPage: false });

  const box = page.getByLabel('Open an image or manifest list');
  await box.fill('Not A Reference!');
  await page.getByRole('button', { name: 'Open' }).click();
  // The error says what is wrong with the input, and nothing is opened.
  await expect(page.locator('#reference-error')).toContainText(/lowercase|invalid/i);
  await expect(page).toHaveURL(/\/$/);

  await box.fill(`${registry}/demo/shazam:latest`);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/image/${registry.replace(/\./g, '\\.')}/demo/shazam:latest$`),
  );
});

test('the header shows the logo and the browser finds a favicon', async ({ page, request }) => {
  await page.goto('/');
  const logo = page.getByRole('navigation', { name: 'Main' }).locator('img[src="/logo.svg"]');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/icon/);
  const icon = page.locator('link[rel="icon"]').first();
  expect((await request.get((await icon.getAttribute('href')) ?? '')).status()).toBe(200);
});
