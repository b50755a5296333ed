import { expect, test, type APIRequestContext, type Page } from './support/fixtures';

import { saveScreenshot } from './support/screenshots';

const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Returns the digest the image page shows. */
async function shownDigest(page: Page): Promise<string> {
  const digest = page.getByTestId('digest');
  await expect(digest).toContainText('sha256:');
  return (await digest.textContent())?.trim() ?? '';
}

/** Returns the digest the registry holds under a tag or digest, or null on 404 (asked directly, not through Manifold). */
async function registryHead(
  request: APIRequestContext,
  repository: string,
  reference: string,
): Promise<string | null> {
  const res = await request.head(`http://${registry}/v2/${repository}/manifests/${reference}`, {
    headers: { Accept: ACCEPT },
  });
  if (res.status() === 404) return null;
  expect(res.status()).toBe(200);
  return res.headers()['docker-content-digest'] ?? null;
}

/** Copies demo/shazam:latest to a tag of another repository through the API (setup for a flow), waiting for the job. */
async function copyShazam(request: APIRequestContext, destination: string): Promise<string> {
  const inspect = await request.get(`/api/inspect?ref=${registry}/demo/shazam:latest`);
  const { digest } = (await inspect.json()) as { digest: string };
  const started = await request.post('/api/images/copy', {
    // Changes are accepted from Manifold's own origin only (a browser sends this header itself).
    headers: { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3100}` },
    data: { registry, repository: 'demo/shazam', digest, destination, expectedDigest: null },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { status: string }).status,
      { timeout: 30_000 },
    )
    .toBe('succeeded');
  return digest;
}

test('retag demo/shazam:latest as stable keeps the digest; untag only removes stable again', async ({
  page,
  request,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  const digest = await shownDigest(page);

  await page.getByTestId('image-actions').getByRole('button', { name: 'Retag…' }).click();
  const dialog = page.getByTestId('retag-dialog');
  await dialog.getByLabel('New tags').fill('stable');
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog.getByTestId('retag-target')).toContainText('new tag');
  await expect(dialog.getByTestId('cli-commands')).toContainText(
    `skopeo copy --all --preserve-digests`,
  );
  await dialog.getByRole('button', { name: 'Retag (1)' }).click();
  await expect(dialog.getByTestId('retag-done')).toBeVisible();
  await expect(dialog.getByTestId('retag-digest')).toHaveText(digest);
  expect(await registryHead(request, 'demo/shazam', 'stable')).toBe(digest);

  await dialog.getByRole('link', { name: `${registry}/demo/shazam:stable` }).click();
  await expect(page).toHaveURL(/demo\/shazam:stable$/);
  expect(await shownDigest(page)).toBe(digest);

  // The history of :stable records the retag.
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-action', 'retag');

  // Untag only: distribution cannot delete a tag, and deleting the digest would take :latest too.
  await page.getByTestId('image-actions').getByRole('button', { name: 'Delete…' }).click();
  const del = page.getByTestId('delete-dialog');
  await expect(del.getByRole('list', { name: 'Tags removed' }).getByRole('listitem')).toHaveText([
    ':latest',
    ':stable',
  ]);
  await expect(del.getByTestId('untag-explainer')).toContainText('400 DIGEST_INVALID');
  await del.getByTestId('untag-button').click();
  await expect(del.getByTestId('untag-done')).toContainText('Removed :stable');
  await expect(del.getByRole('alert')).toHaveCount(0);
  expect(await registryHead(request, 'demo/shazam', 'stable')).toBeNull();
  expect(await registryHead(request, 'demo/shazam', 'latest')).toBe(digest);
  // :stable is gone: closing the dialog leaves the stale page for the image, by digest.
  await del.getByRole('button', { name: 'Close' }).last().click();
  await expect(page).toHaveURL(new RegExp(`demo/shazam@${digest}$`));
  expect(await shownDigest(page)).toBe(digest);
  const tags = (await (
    await request.get(`/api/tags?registry=${registry}&repository=demo/shazam`)
  ).json()) as { tags: string[] };
  expect(tags.tags.sort()).toEqual(['amd64', 'arm64', 'armv7', 'latest', 'ppc64le', 's390x']);
});

test('copy demo/shazam:latest with only amd64 and arm64 to another repository', async ({
  page,
  request,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Copy to…' }).click();
  const dialog = page.getByTestId('copy-dialog');
  await dialog.getByLabel('Destination tag').fill('actions/shazam-two:latest');
  for (const platform of ['linux/arm/v7', 'linux/ppc64le', 'linux/s390x'])
    await dialog.getByRole('checkbox', { name: platform }).uncheck();
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByTestId('copy-preview');
  await expect(preview).toContainText('New list');
  const indexDigest = (await preview.getByTestId('copy-index-digest').textContent())?.trim() ?? '';
  await expect(dialog.getByTestId('cli-commands')).toContainText('regctl index create');
  await dialog.getByRole('button', { name: 'Create and copy (2 platforms)' }).click();
  await expect(dialog.getByTestId('copy-done')).toBeVisible({ timeout: 30_000 });
  expect(await registryHead(request, 'actions/shazam-two', 'latest')).toBe(indexDigest);

  await dialog.getByRole('link', { name: `Open ${registry}/actions/shazam-two:latest` }).click();
  await expect(page).toHaveURL(/actions\/shazam-two:latest$/);
  await expect(page.getByTestId('platform-count')).toHaveText('2');
  await expect(page.getByTestId('platform-row')).toHaveCount(2);
  await expect(page.locator('[data-platform="linux/amd64"]')).toBeVisible();
  await expect(page.locator('[data-platform="linux/arm64/v8"]')).toBeVisible();
});

test('deleting a list shows every tag that goes and keeps its children', async ({
  page,
  request,
}) => {
  const digest = await copyShazam(request, 'actions/to-delete:v1');
  await page.goto(`/image/${registry}/actions/to-delete:v1`);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog.getByRole('list', { name: 'Tags removed' }).getByRole('listitem')).toHaveText(
    [':v1'],
  );
  const children = dialog.getByTestId('delete-child');
  await expect(children).toHaveCount(5);
  await expect(children.filter({ hasText: 'left without a tag' })).toHaveCount(5);
  await expect(dialog.getByTestId('cli-commands').first()).toContainText(
    `regctl manifest delete ${registry}/actions/to-delete@${digest}`,
  );
  await saveScreenshot(page, 'delete', { fullPage: false });

  await dialog.getByTestId('confirm-delete').click();
  const done = dialog.getByTestId('delete-done');
  await expect(done).toContainText('The registry no longer serves it');
  const kept = done.getByTestId('kept-child');
  await expect(kept).toHaveCount(5);
  await expect(done.locator('[data-exists="false"]')).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  // The registry agrees: the list and its tag are gone, every child is still there.
  expect(await registryHead(request, 'actions/to-delete', digest)).toBeNull();
  expect(await registryHead(request, 'actions/to-delete', 'v1')).toBeNull();
  const list = (await (
    await request.get(`http://${registry}/v2/demo/shazam/manifests/latest`, {
      headers: { Accept: ACCEPT },
    })
  ).json()) as {
    manifests: { digest: string }[];
  };
  for (const child of list.manifests)
    expect(await registryHead(request, 'actions/to-delete', child.digest)).toBe(child.digest);

  // A child's own page opens by digest.
  const first = list.manifests[0]!.digest;
  await kept.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`actions/to-delete@${first}$`));
  expect(await shownDigest(page)).toBe(first);
});

test('remove a platform in place, then restore the previous list from the tag history', async ({
  page,
  request,
}) => {
  const digest = await copyShazam(request, 'actions/edit:latest');
  await page.goto(`/image/${registry}/actions/edit:latest`);
  await expect(page.getByTestId('platform-count')).toHaveText('5');

  await page.getByTestId('image-actions').getByRole('button', { name: 'Remove platform…' }).click();
  const dialog = page.getByTestId('remove-platform-dialog');
  await dialog.getByRole('radio', { name: /linux\/s390x/ }).check();
  await expect(dialog.getByTestId('remove-platform-preview')).toContainText('keeps 4 platforms');
  await dialog.getByTestId('confirm-remove-platform').click();
  await expect(dialog.getByTestId('remove-platform-done')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByTestId('platform-count')).toHaveText('4');
  const edited = await registryHead(request, 'actions/edit', 'latest');
  expect(edited).not.toBe(digest);

  await page.getByRole('link', { name: 'History' }).click();
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toHaveAttribute('data-action', 'remove-platform');
  // The timeline's rows are the digests the tag held: the one before the edit can be restored.
  await rows
    .nth(1)
    .getByRole('button', { name: /^Restore :latest to / })
    .click();
  const restore = page.getByTestId('restore-dialog');
  await expect(restore).toContainText(`it holds ${edited?.slice(0, 19)} now`);
  await expect(restore.getByTestId('restore-platforms')).toContainText(
    'Back on the tag: linux/s390x.',
  );
  await restore.getByTestId('confirm-restore').click();
  await expect(restore.getByTestId('restore-done')).toBeVisible();
  // After the restore it still names the digest it replaced, not the one just restored.
  await expect(restore).toContainText(`it held ${edited?.slice(0, 19)} before`);
  expect(await registryHead(request, 'actions/edit', 'latest')).toBe(digest);
  await restore.getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-action', 'restore');

  await page.goto(`/image/${registry}/actions/edit:latest`);
  await expect(page.getByTestId('platform-count')).toHaveText('5');
  expect(await shownDigest(page)).toBe(digest);
});

test('a single image is copied by clicks, and its digest page gives a pullable reference', async ({
  page,
  request,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:amd64`);
  const digest = await shownDigest(page);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Copy to…' }).click();
  const dialog = page.getByTestId('copy-dialog');
  const preview = dialog.getByRole('button', { name: 'Preview' });
  await expect(preview).toBeDisabled();
  await expect(dialog.getByText('Type one to preview the copy.')).toBeVisible();
  await dialog.getByLabel('Destination tag').fill('actions/single-copy:amd64');
  await expect(preview).toBeEnabled();
  await preview.click();
  await expect(dialog.getByTestId('copy-index-digest')).toHaveText(digest);
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByTestId('copy-done')).toBeVisible({ timeout: 30_000 });
  expect(await registryHead(request, 'actions/single-copy', 'amd64')).toBe(digest);

  // Opened by digest, the Reference row (and its Copy button) carries the digest.
  await page.goto(`/image/${registry}/actions/single-copy@${digest}`);
  await expect(page.getByTestId('reference')).toHaveText(
    `${registry}/actions/single-copy@${digest}`,
  );
});

test('deleting a list by clicks leaves the stale page for the repository', async ({
  page,
  request,
}) => {
  const digest = await copyShazam(request, 'actions/delete-close:v1');
  await page.goto(`/image/${registry}/actions/delete-close:v1`);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await dialog.getByTestId('confirm-delete').click();
  await expect(dialog.getByTestId('delete-done')).toBeVisible();
  expect(await registryHead(request, 'actions/delete-close', digest)).toBeNull();
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(page).toHaveURL(
    new RegExp(`/repo/${registry.replace(/\./g, '\\.')}/actions/delete-close$`),
  );
  await expect(page.getByRole('heading', { level: 1, name: 'actions/delete-close' })).toBeVisible();
});

test('a list whose child was deleted says so and drops that platform by clicks', async ({
  page,
  request,
}) => {
  const digest = await copyShazam(request, 'actions/broken:latest');
  const list = (await (
    await request.get(`http://${registry}/v2/actions/broken/manifests/${digest}`, {
      headers: { Accept: ACCEPT },
    })
  ).json()) as { manifests: { digest: string; platform: { architecture: string } }[] };
  const s390x = list.manifests.find((m) => m.platform.architecture === 's390x')!.digest;
  const gone = await request.delete(`http://${registry}/v2/actions/broken/manifests/${s390x}`);
  expect(gone.status()).toBe(202);

  await page.goto(`/image/${registry}/actions/broken:latest`);
  const row = page.locator('[data-platform="linux/s390x"]');
  await expect(row.getByTestId('row-error')).toContainText(
    'This image was deleted from the repository',
  );
  await expect(row.getByTestId('row-error')).not.toContainText('MANIFEST_UNKNOWN');
  // The row keeps the table's columns (counted once the table's header is on the page).
  const headers = page.getByRole('table', { name: 'Platforms' }).getByRole('columnheader');
  await expect(headers.first()).toBeVisible();
  await expect(row.locator('td')).toHaveCount(await headers.count());
  await row
    .getByRole('button', { name: 'Remove this platform from the list: linux/s390x' })
    .click();
  const dialog = page.getByTestId('remove-platform-dialog');
  await expect(dialog.getByTestId('remove-platform-preview')).toContainText('keeps 4 platforms');
  await dialog.getByTestId('confirm-remove-platform').click();
  await expect(dialog.getByTestId('remove-platform-done')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByTestId('platform-count')).toHaveText('4');
  await expect(page.getByTestId('row-error')).toHaveCount(0);
});
