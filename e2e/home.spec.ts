import { expect, test } from './support/fixtures';

import { SAME_ORIGIN } from './support/origin';
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

test('home page: repositories per registry, repositories last opened, recent drafts and activity, skip link', async ({
  page,
  request,
}) => {
  const created = await request.post('/api/drafts', {
    headers: SAME_ORIGIN,
    data: { name: 'home page draft' },
  });
  expect(created.status()).toBe(201);
  // Something for the activity list: demo/single:1.0 also tagged home-page.
  const single = (await (
    await request.get(`/api/inspect?ref=${registry}/demo/single:1.0`)
  ).json()) as { digest: string };
  const retag = await request.post('/api/images/retag', {
    headers: SAME_ORIGIN,
    data: {
      registry,
      repository: 'demo/single',
      digest: single.digest,
      targets: [{ reference: 'home-page', expectedDigest: null }],
    },
  });
  expect(retag.ok(), await retag.text()).toBe(true);
  // A visit is remembered once the page has hydrated: wait for it before moving on.
  const remembered = () =>
    page.evaluate(() => window.localStorage.getItem('manifold.recent-repositories') ?? '');
  await page.goto(`/repo/${registry}/demo/nested`);
  await expect(page.locator('li[data-tag="latest"]')).toBeVisible();
  await expect.poll(remembered).toContain('demo/nested');
  await page.goto(`/image/${registry}/demo/single:1.0`);
  await expect(page.getByTestId('digest')).toBeVisible();
  await expect.poll(remembered).toContain('demo/single');
  await page.goto('/');

  const row = page.locator(`[data-registry="${registry}"]`);
  await expect(row.getByTestId('repository-count')).toHaveText(/^\d+ repositories$/);
  const count = Number((await row.getByTestId('repository-count').innerText()).split(' ')[0]);
  const catalog = (await (await request.get(`http://${registry}/v2/_catalog?n=1000`)).json()) as {
    repositories: string[];
  };
  expect(count).toBe(catalog.repositories.length);

  // Newest first, kept in this browser.
  const opened = page.getByRole('list', { name: 'Recently opened repositories' }).getByRole('link');
  await expect(opened).toHaveText([`${registry}/demo/single`, `${registry}/demo/nested`]);
  await expect(
    page
      .getByRole('list', { name: 'Recent drafts' })
      .getByRole('link', { name: 'home page draft' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Recent activity' })
      .getByRole('link', { name: 'demo/single:home-page' })
      .first(),
  ).toBeVisible();

  await opened.first().click();
  await expect(page).toHaveURL(new RegExp(`/repo/${registry.replace(/\./g, '\\.')}/demo/single$`));

  // On a page just loaded, the first Tab reaches the skip link; it moves focus to the content.
  await page.reload();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await skip.click();
  await expect(page.locator('main#main')).toBeFocused();
});
