import { expect, test } from './support/fixtures';

import { startTestServer } from '../test/support/local-http-server';

import { openShazamTags, registry } from './support/pages';
import { saveScreenshot } from './support/screenshots';

const registry2 = `127.0.0.1:${process.env.E2E_REGISTRY2_PORT ?? 5101}`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('browse from the home page to a registry, a repository and a tag', async ({ page }) => {
  await page.goto('/');
  await page.locator(`[data-registry="${registry}"]`).getByRole('link', { name: registry }).click();
  await expect(page).toHaveURL(new RegExp(`/registry/${escape(registry)}$`));
  await expect(page.getByRole('heading', { level: 1, name: registry })).toBeVisible();

  // Repositories are grouped by namespace; demo/shazam sits in the demo/ group.
  const group = page.getByRole('button', { name: /^▸?\s*demo\/\s*\d+ repositories$/ });
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  const shazam = page.getByRole('link', { name: 'demo/shazam', exact: true });
  await expect(shazam).toHaveAttribute('data-namespace', 'demo');
  await saveScreenshot(page, 'registry', { fullPage: false });

  // The filter works on the loaded names, in the browser; with the whole catalog loaded it says so
  // (no "loaded so far"); the URL keeps it.
  await expect(page.getByText(/Filters all \d+ repositories of this registry/)).toBeVisible();
  await expect(page.getByText(/loaded so far/)).toHaveCount(0);
  await page.getByLabel('Filter repositories').fill('oci');
  await expect(page.getByRole('link', { name: 'demo/shazam-oci', exact: true })).toBeVisible();
  await expect(shazam).toHaveCount(0);
  await expect(page).toHaveURL(/\?q=oci$/);
  await page.getByLabel('Filter repositories').fill('');

  // Collapsing the group hides its repositories.
  await group.click();
  await expect(shazam).toHaveCount(0);
  await group.click();

  await shazam.click();
  await expect(page).toHaveURL(new RegExp(`/repo/${escape(registry)}/demo/shazam$`));
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: registry }),
  ).toBeVisible();

  // Each tag's summary loads lazily: latest is a manifest list with five platforms.
  const latest = page.locator('li[data-tag="latest"]');
  await expect(latest.getByText('manifest list').filter({ visible: true })).toBeVisible();
  const chips = latest.getByRole('list', { name: 'Platforms of latest' }).getByRole('listitem');
  await expect(chips).toHaveCount(5);
  await expect(chips.filter({ hasText: 'linux/arm/v7' })).toHaveCount(1);
  await expect(chips.filter({ hasText: 'linux/arm64/v8' })).toHaveCount(1);
  await saveScreenshot(page, 'repository', { fullPage: false });
  const amd64 = page.locator('li[data-tag="amd64"]');
  await expect(amd64.getByText('image', { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(
    amd64.getByRole('list', { name: 'Platforms of amd64' }).getByRole('listitem'),
  ).toHaveText(['linux/amd64']);

  // Version order puts latest first; name order is alphabetical, either way.
  const tagNames = page.getByRole('list', { name: 'Tags' }).locator(':scope > li');
  const sortBy = page.getByRole('group', { name: 'Sort tags by' });
  await expect(tagNames.first()).toHaveAttribute('data-tag', 'latest');
  await sortBy.getByRole('button', { name: 'Name A–Z', exact: true }).click();
  await expect(page).toHaveURL(/sort=name$/);
  await expect(tagNames.first()).toHaveAttribute('data-tag', 'amd64');
  await sortBy.getByRole('button', { name: 'Name Z–A', exact: true }).click();
  await expect(page).toHaveURL(/sort=name-desc$/);
  await expect(tagNames.first()).toHaveAttribute('data-tag', 's390x');
  await expect(tagNames.last()).toHaveAttribute('data-tag', 'amd64');
  await sortBy.getByRole('button', { name: 'Version', exact: true }).click();

  // The filter matches platforms as well as names: arm/v7 is the armv7 tag and part of latest.
  await expect(page.getByText('6 tags.', { exact: true })).toBeVisible();
  await page.getByLabel('Filter tags').fill('arm/v7');
  await expect(page.getByText(/^2 of 6 tags match “arm\/v7” by name or platform\.$/)).toBeVisible();
  await expect(tagNames).toHaveCount(2);
  await expect(page.locator('li[data-tag="latest"]')).toHaveCount(1);
  await expect(page.locator('li[data-tag="armv7"]')).toHaveCount(1);
  await page.getByLabel('Filter tags').fill('');
  await expect(tagNames).toHaveCount(6);

  // The coverage matrix: the amd64 tag provides linux/amd64 and nothing else; latest provides all five.
  await page.getByRole('button', { name: 'Platform coverage' }).click();
  await expect(page).toHaveURL(/view=coverage/);
  const amd64Row = page.locator('tr[data-tag="amd64"]');
  await expect(amd64Row.locator('td[data-covered="true"]')).toHaveCount(1);
  await expect(amd64Row.getByText(/^has /)).toHaveText(['has linux/amd64']);
  await expect(page.locator('tr[data-tag="latest"] td[data-covered="true"]')).toHaveCount(5);
  await expect(page.getByRole('columnheader', { name: 'linux/arm/v7' })).toBeVisible();

  await page
    .locator('tr[data-tag="latest"]')
    .getByRole('link', { name: 'latest', exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/image/${escape(registry)}/demo/shazam:latest$`));
});

test('repositories load page by page through the registry’s Link cursor', async ({ page }) => {
  // A short list fills the window page by page on its own (infinite scroll); each later page is
  // asked for with the cursor the previous one returned.
  const asked: URL[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/tags' || url.pathname.endsWith('/repositories')) asked.push(url);
  });

  // distribution 2.8 ignores `n` for tags (it sends them all); whatever the registry does, every tag ends up listed once.
  await page.goto(`/repo/${registry}/demo/shazam?n=4`);
  await expect(page.getByText('6 tags.', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more tags' })).toHaveCount(0);
  for (const tag of ['latest', 'amd64', 'arm64', 'armv7', 'ppc64le', 's390x']) {
    await expect(page.locator(`li[data-tag="${tag}"]`)).toHaveCount(1);
  }

  await page.goto(`/registry/${registry}?n=3`);
  for (const name of [
    'demo/shazam',
    'demo/shazam-oci',
    'demo/buildkit',
    'demo/windows',
    'demo/single',
    'demo/artifact',
    'demo/nested',
    'demo/broken',
  ]) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Load more repositories' })).toHaveCount(0);
  const catalogPages = asked.filter((u) => u.pathname.endsWith('/repositories'));
  expect(catalogPages.length).toBeGreaterThanOrEqual(2);
  expect(
    catalogPages.every((u) => u.searchParams.get('n') === '3' && u.searchParams.get('cursor')),
  ).toBe(true);
});

test('the listing API pages with an opaque cursor and summarizes a tag', async ({ request }) => {
  const first = await request.get(`/api/registries/${registry}/repositories?n=2`);
  expect(first.status()).toBe(200);
  const page1 = (await first.json()) as { repositories: string[]; next?: string };
  expect(page1.repositories).toHaveLength(2);
  expect(page1.next).toBeTruthy();
  const second = await request.get(
    `/api/registries/${registry}/repositories?n=2&cursor=${encodeURIComponent(page1.next ?? '')}`,
  );
  const page2 = (await second.json()) as { repositories: string[] };
  expect(page2.repositories).toHaveLength(2);
  expect(page2.repositories.filter((r) => page1.repositories.includes(r))).toEqual([]);

  const tags = await request.get(`/api/tags?registry=${registry}&repository=demo/shazam`);
  expect(((await tags.json()) as { tags: string[] }).tags.sort()).toEqual([
    'amd64',
    'arm64',
    'armv7',
    'latest',
    'ppc64le',
    's390x',
  ]);

  const summary = await request.get(
    `/api/summary?ref=${encodeURIComponent(`${registry}/demo/shazam:latest`)}`,
  );
  expect(summary.status()).toBe(200);
  const s = (await summary.json()) as {
    kind: string;
    format: string;
    platforms: { architecture: string }[];
    childErrors: number;
  };
  expect(s).toMatchObject({ kind: 'index', format: 'docker-list', childErrors: 0 });
  expect(s.platforms.map((p) => p.architecture)).toEqual([
    'amd64',
    'arm64',
    'arm',
    'ppc64le',
    's390x',
  ]);

  const missing = await request.get(`/api/tags?registry=${registry}&repository=demo/nope`);
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NAME_UNKNOWN');
  const invalid = await request.get(`/api/tags?registry=${registry}&repository=Not_Valid`);
  expect(invalid.status()).toBe(400);
});

test('a repository can be opened by name, and a missing one is explained', async ({ page }) => {
  await page.goto(`/registry/${registry2}`);
  await page.getByLabel('Open a repository by name').fill('demo/not-here');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/repo/${escape(registry2)}/demo/not-here$`));
  const alert = page
    .getByRole('alert')
    .filter({ hasText: `${registry2} has no repository demo/not-here` });
  await expect(alert).toContainText('Check the spelling');
});

test('a registry without a catalog says so and opens a repository typed by name', async ({
  page,
}) => {
  // GHCR-like: a proxy in front of the demo registry that answers 404 for /v2/_catalog only, on
  // the port the app has configured (Manifold contacts only configured registries).
  const proxy = await startTestServer(Number(process.env.E2E_PROXY_PORT ?? 5102));
  proxy.handle(async (req, res) => {
    if (req.url.startsWith('/v2/_catalog')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: '404 page not found' }] }));
      return;
    }
    const upstream = await fetch(`http://${registry}${req.url}`, {
      method: req.method,
      headers: { accept: String(req.headers.accept ?? '*/*') },
    });
    const headers: Record<string, string> = {};
    for (const name of [
      'content-type',
      'content-length',
      'docker-content-digest',
      'link',
      'www-authenticate',
    ]) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await upstream.arrayBuffer()));
  });
  try {
    await page.goto(`/registry/${proxy.host}`);
    await expect(
      page.getByRole('heading', { name: 'This registry does not list its repositories' }),
    ).toBeVisible();
    const box = page.getByLabel('Repository name');
    await expect(box).toBeFocused();
    await box.fill('demo/shazam');
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/repo/${escape(proxy.host)}/demo/shazam$`));
    await expect(
      page.locator('li[data-tag="latest"]').getByText('manifest list').filter({ visible: true }),
    ).toBeVisible();
  } finally {
    await proxy.close();
  }
});

test('tag rows: the header lines up with the columns, and Add to draft works with the mouse', async ({
  page,
}) => {
  await openShazamTags(page);
  // Header and rows share one grid template; the tracks must come out the same widths.
  const tracks = await page.evaluate(() => {
    const header = document.querySelector('[data-testid="tag-header"]');
    const row = document.querySelector('li[data-tag="latest"] > div');
    return [header, row].map((el) => (el ? getComputedStyle(el).gridTemplateColumns : ''));
  });
  expect(tracks[0]).not.toBe('');
  expect(tracks[0]).toBe(tracks[1]);
  for (const [column, cell] of [
    ['Size', 'li[data-tag="amd64"] [title^="Compressed size"]'],
    ['Built', 'li[data-tag="amd64"] time:not([data-testid="tag-pushed"])'],
  ] as const) {
    const head = await page
      .getByTestId('tag-header')
      .getByText(column, { exact: true })
      .boundingBox();
    const value = await page.locator(cell).boundingBox();
    // Both are right-aligned in their column: their right edges meet.
    expect(
      Math.abs((head?.x ?? 0) + (head?.width ?? 0) - (value?.x ?? 0) - (value?.width ?? 0)),
      column,
    ).toBeLessThan(2);
  }

  // Every row's button has its own name.
  const names = await page
    .getByRole('list', { name: 'Tags' })
    .getByRole('button', { name: /^Add to draft/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names).toHaveLength(6);
  expect(new Set(names).size).toBe(6);

  // The panel opens above the rows below it: a real click on its Add lands on it.
  await page.getByRole('button', { name: 'Add to draft: arm64' }).click();
  const panel = page.getByRole('dialog', { name: 'Add to draft' });
  await expect(panel).toBeVisible();
  await panel.locator('select').selectOption('__new__');
  await panel.getByLabel('New draft name').fill('from the tag list');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Added to from the tag list');
  // Escape closes it; so does a click outside.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Add to draft: s390x' }).click();
  await expect(panel).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(panel).toBeHidden();
});
