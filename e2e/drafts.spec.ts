import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect, test, type APIRequestContext, type Page } from './support/fixtures';

import { saveScreenshot } from './support/screenshots';

const exec = promisify(execFile);
const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Returns the child digests of the list the registry holds under demo/shazam-made:latest. */
async function childDigests(request: APIRequestContext): Promise<string[]> {
  const res = await request.get(`http://${registry}/v2/demo/shazam-made/manifests/latest`, {
    headers: { Accept: ACCEPT },
  });
  expect(res.status()).toBe(200);
  const index = (await res.json()) as { manifests: { digest: string }[] };
  return index.manifests.map((m) => m.digest);
}

async function pushAndWait(page: Page, previousJob: string | null): Promise<string> {
  await page.getByRole('button', { name: 'Preview push' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByTestId('preview-digest')).toContainText('sha256:');
  await page.getByRole('button', { name: 'Push to 1 tag' }).click();
  const job = page.locator('section[data-job-id]');
  if (previousJob) await expect(job).not.toHaveAttribute('data-job-id', previousJob);
  await expect(job.getByTestId('job-status')).toHaveText('Succeeded', { timeout: 45_000 });
  return (await job.getAttribute('data-job-id')) ?? '';
}

async function platformsOnImagePage(page: Page): Promise<string[]> {
  await page.goto(`/image/${registry}/demo/shazam-made:latest`);
  const rows = page.getByTestId('platform-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-platform') ?? ''));
}

test('safe mode by clicks: assemble shazam from per-arch tags, push with contents, remove s390x, push again', async ({
  page,
  request,
}) => {
  // podman manifest create
  await page.goto('/drafts');
  await page.getByLabel('Draft name').fill('shazam safe mode');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/drafts\/[\w-]+$/);
  const draftUrl = page.url();
  await expect(page.getByRole('heading', { name: 'shazam safe mode' })).toBeVisible();

  // for IMGTAG in amd64 s390x ppc64le arm64; do podman manifest add ...; done
  const arches = ['amd64', 's390x', 'ppc64le', 'arm64'];
  for (const [i, arch] of arches.entries()) {
    await page.getByLabel('Add an image by reference').fill(`${registry}/demo/shazam:${arch}`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('draft-entry')).toHaveCount(i + 1);
  }
  await expect(page.getByTestId('draft-entry')).toHaveText([
    /linux\/amd64/,
    /linux\/s390x/,
    /linux\/ppc64le/,
    /linux\/arm64\/v8/,
  ]);

  // podman manifest push --all
  await page.getByLabel('Destination tag').fill(`${registry}/demo/shazam-made:latest`);
  await page.getByRole('button', { name: 'Preview push' }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByText('new tag')).toBeVisible();
  if (process.env.MANIFOLD_SCREENSHOTS === '1')
    await page.setViewportSize({ width: 1440, height: 1100 });
  await saveScreenshot(page, 'draft');
  await page.getByRole('button', { name: 'Push to 1 tag' }).click();
  const job = page.locator('section[data-job-id]');
  await expect(job.getByTestId('job-status')).toHaveText('Succeeded', { timeout: 45_000 });
  const firstJob = await job.getAttribute('data-job-id');

  // The job survives a reload: the draft page shows its latest push.
  await page.reload();
  await expect(
    page.locator(`section[data-job-id="${firstJob}"]`).getByTestId('job-status'),
  ).toHaveText('Succeeded');

  expect((await platformsOnImagePage(page)).sort()).toEqual([
    'linux/amd64',
    'linux/arm64/v8',
    'linux/ppc64le',
    'linux/s390x',
  ]);

  // podman manifest remove ... s390x, push again
  await page.goto(draftUrl);
  await page.getByRole('button', { name: 'Remove linux/s390x' }).click();
  await expect(page.getByTestId('draft-entry')).toHaveCount(3);
  await expect(page.getByLabel('Destination tag')).toHaveValue(
    `${registry}/demo/shazam-made:latest`,
  );
  await pushAndWait(page, firstJob);

  expect((await platformsOnImagePage(page)).sort()).toEqual([
    'linux/amd64',
    'linux/arm64/v8',
    'linux/ppc64le',
  ]);

  // The registry holds the index and every child in demo/shazam-made.
  const children = await childDigests(request);
  expect(children).toHaveLength(3);
  for (const digest of children) {
    const head = await request.head(`http://${registry}/v2/demo/shazam-made/manifests/${digest}`, {
      headers: { Accept: ACCEPT },
    });
    expect(head.status(), digest).toBe(200);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'manifold-e2e-skopeo-'));
  try {
    await exec(
      'skopeo',
      [
        'copy',
        '--all',
        '--src-tls-verify=false',
        `docker://${registry}/demo/shazam-made:latest`,
        `dir:${dir}`,
      ],
      {
        timeout: 60_000,
      },
    );
  } finally {
    await rm(dir, { recursive: true });
  }

  // Both pushes are in the activity log.
  await page.goto(`/activity?repository=demo/shazam-made`);
  await expect(page.getByTestId('activity-row')).toHaveCount(2);
});

test('add to draft from an image page: a chosen subset of a list; the new draft follows its Docker images’ format', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Add to draft' }).click();
  const panel = page.getByRole('dialog', { name: 'Add to draft' });
  await panel.locator('select').selectOption('__new__');
  await panel.getByLabel('New draft name').fill('picked from the image page');
  await panel.getByLabel('linux/s390x').uncheck();
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Added to picked from the image page');
  await panel.getByRole('link', { name: 'Open draft' }).click();

  await expect(page.getByRole('heading', { name: 'picked from the image page' })).toBeVisible();
  await expect(page.getByTestId('draft-entry')).toHaveCount(4);
  await expect(page.getByTestId('draft-entry').filter({ hasText: 'linux/s390x' })).toHaveCount(0);
  // No format was chosen and every image is a Docker image manifest: the draft is a Docker list, no "mixed formats" warning.
  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('docker');
  await expect(page.getByText(/mixes formats/)).toHaveCount(0);
});

test('a BuildKit platform added to a Docker draft: the picker says what comes along, warns about duplicates, the draft becomes OCI', async ({
  page,
}) => {
  await page.goto('/drafts');
  await page.getByLabel('Draft name').fill('buildkit mix');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/drafts\/[\w-]+$/);
  const add = page.getByLabel('Add an image by reference');
  await add.fill(`${registry}/demo/shazam:amd64`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('draft-entry')).toHaveCount(1);
  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('docker');

  await add.fill(`${registry}/demo/buildkit:latest`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const picker = page.getByRole('group', { name: /demo\/buildkit:latest is a list/ });
  // linux/amd64 is already there, from demo/shazam:amd64 (named by source, not by digest).
  await expect(picker).toContainText(
    `The draft already has linux/amd64 from ${registry}/demo/shazam:amd64`,
  );
  await expect(picker.getByTestId('add-summary')).toContainText(
    'Adds 2 platforms and their 2 attestations (4 entries).',
  );
  await expect(picker.getByTestId('add-summary')).toContainText(
    'the draft becomes an OCI image index',
  );
  await picker.getByRole('checkbox', { name: /linux\/amd64/ }).uncheck();
  await expect(picker.getByTestId('add-summary')).toHaveText(
    'Adds 1 platform and its 1 attestation (2 entries). Attestations need the OCI index format: the draft becomes an OCI image index.',
  );
  await picker.getByRole('button', { name: 'Add 1 platform' }).click();
  await expect(page.getByTestId('draft-entry')).toHaveCount(3);
  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('oci');
  await expect(page.getByText(/problems? to fix before pushing/)).toHaveCount(0);
});

test('a draft remembers its destination, and Delete draft asks in a dialog', async ({ page }) => {
  await page.goto('/drafts');
  await page.getByLabel('Draft name').fill('remember me');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/drafts\/[\w-]+$/);
  await page.getByLabel('Add an image by reference').fill(`${registry}/demo/shazam:arm64`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('draft-entry')).toHaveCount(1);
  await page.getByLabel('Destination tag').fill(`${registry}/demo/remembered:v1`);
  await page.getByRole('button', { name: 'Preview push' }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByText('new tag')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Destination tag')).toHaveValue(`${registry}/demo/remembered:v1`);

  await page.getByRole('button', { name: 'Delete draft' }).click();
  const dialog = page.getByTestId('delete-draft-dialog');
  await expect(dialog).toContainText('nothing in any registry changes');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await dialog.getByRole('button', { name: 'Delete draft' }).click();
  await expect(page).toHaveURL(/\/drafts$/);
  await expect(page.getByRole('link', { name: 'remember me' })).toHaveCount(0);
});
