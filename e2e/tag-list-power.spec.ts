import { createHash } from 'node:crypto';

import { expect, test, type Page } from './support/fixtures';
import { registry } from './support/pages';

// A repository of its own, so what this spec adds (per-architecture tags, a signature) changes
// nothing another spec counts.
const REPO = 'e2e/power';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const ARCHES = ['amd64', 'arm64', 's390x'] as const;

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function pushBlob(repository: string, bytes: Buffer): Promise<void> {
  const start = await fetch(`http://${registry}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
  });
  expect(start.status).toBe(202);
  const url = new URL(start.headers.get('location') ?? '', `http://${registry}`);
  url.searchParams.set('digest', sha256(bytes));
  const put = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
  expect(put.status).toBe(201);
}

async function pushManifest(repository: string, tag: string, body: object): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(body));
  const res = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': OCI_MANIFEST },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  return sha256(bytes);
}

/** Pushes a config-only image for one architecture under `tag`; returns its digest. */
async function pushArchImage(tag: string, arch: string): Promise<string> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: arch,
      os: 'linux',
      created: '2026-01-15T10:00:00Z',
      config: { Labels: { 'org.opencontainers.image.source': 'https://example.invalid/power' } },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  await pushBlob(REPO, config);
  return pushManifest(REPO, tag, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256(config),
      size: config.length,
    },
    layers: [],
  });
}

/** Pushes a cosign-style signature for `digest` under cosign's tag; returns the tag. */
async function pushSignature(digest: string): Promise<string> {
  const empty = Buffer.from('{}');
  await pushBlob(REPO, empty);
  const payload = Buffer.from(
    JSON.stringify({ critical: { image: { 'docker-manifest-digest': digest } } }),
  );
  await pushBlob(REPO, payload);
  const tag = `${digest.replace(':', '-')}.sig`;
  await pushManifest(REPO, tag, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(empty), size: 2 },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: sha256(payload),
        size: payload.length,
        annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQ…' },
      },
    ],
  });
  return tag;
}

const digests: Record<string, string> = {};
let sigTag = '';

test.beforeAll(async () => {
  for (const arch of ARCHES) digests[arch] = await pushArchImage(`1.0-${arch}`, arch);
  sigTag = await pushSignature(digests.arm64!);
});

async function openPowerTags(page: Page): Promise<void> {
  await page.goto(`/repo/${registry}/${REPO}?sort=name`);
  for (const arch of ARCHES)
    await expect(
      page
        .locator(`li[data-tag="1.0-${arch}"]`)
        .getByRole('list', { name: `Platforms of 1.0-${arch}` }),
    ).toBeVisible();
}

test('select three tags with a click and a shift-click, then Make a list from these', async ({
  page,
}) => {
  await openPowerTags(page);
  await page.getByRole('checkbox', { name: 'Select 1.0-amd64' }).click();
  await page.keyboard.down('Shift');
  await page.getByRole('checkbox', { name: 'Select 1.0-s390x' }).click();
  await page.keyboard.up('Shift');
  const bar = page.getByRole('region', { name: 'Selected tags' });
  await expect(bar).toContainText('3 tags selected');
  await expect(page.getByRole('checkbox', { name: 'Select 1.0-arm64' })).toBeChecked();
  // cosign's signature tag is a record, not an image to gather: it has no checkbox.
  await expect(page.locator(`li[data-tag="${sigTag}"]`).getByRole('checkbox')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/ui-features-selection-bar.png' });

  await bar.getByRole('button', { name: 'Make a list from these' }).click();
  await expect(page).toHaveURL(/\/drafts\/[\w-]+$/);
  await expect(page.getByLabel('Destination tag')).toHaveValue(`${registry}/${REPO}:1.0`);
  const sources = page.getByTestId('draft-source');
  await expect(sources).toHaveCount(3);
  for (const [i, arch] of ARCHES.entries())
    await expect(sources.nth(i)).toContainText(`1.0-${arch}`);
  const draftId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const draft = (await (await page.request.get(`/api/drafts/${draftId}`)).json()) as {
    entries: Array<{ digest: string }>;
    destinations: string[];
  };
  expect(draft.entries.map((e) => e.digest)).toEqual(ARCHES.map((a) => digests[a]));
  expect(draft.destinations).toEqual([`${registry}/${REPO}:1.0`]);
});

test('pull commands and per-platform pull-by-digest references copy with one click', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-write']);
  // Manifold's Permissions-Policy forbids reading the clipboard (clipboard-read=()), so the test
  // records what the page writes to it instead.
  await page.addInitScript(() => {
    const w = window as unknown as { copied: string[] };
    w.copied = [];
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      w.copied.push(text);
      return write(text);
    };
  });
  const lastCopied = () =>
    page.evaluate(() => (window as unknown as { copied: string[] }).copied.at(-1));
  await openPowerTags(page);
  const row = page.locator('li[data-tag="1.0-arm64"]');
  const toggle = row.getByRole('button', { name: 'Pull: 1.0-arm64' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = row.getByTestId('tag-details');
  await expect(details).toContainText(`docker pull ${registry}/${REPO}:1.0-arm64`);
  await expect(details).toContainText(`podman pull ${registry}/${REPO}:1.0-arm64`);
  await expect(details.getByTestId('tag-image')).toContainText('linux/arm64');
  await expect(
    details.getByRole('link', { name: 'https://example.invalid/power' }),
  ).toHaveAttribute('rel', 'noopener noreferrer');
  await page.screenshot({ path: '/tmp/ui-features-pull-commands.png' });

  await details.getByRole('button', { name: /^Copy docker pull/ }).click();
  await expect(details.getByRole('button', { name: /^Copy docker pull/ })).toHaveText('Copied');
  expect(await lastCopied()).toBe(`docker pull ${registry}/${REPO}:1.0-arm64`);
  await details.getByRole('button', { name: /^Copy pull-by-digest reference/ }).click();
  expect(await lastCopied()).toBe(`${registry}/${REPO}@${digests.arm64}`);
});

test('a signed badge on the image a cosign signature refers to, and only there', async ({
  page,
}) => {
  await openPowerTags(page);
  await expect(page.locator('li[data-tag="1.0-arm64"]').getByTestId('signed-badge')).toHaveText(
    '✓ signed',
  );
  await expect(page.locator('li[data-tag="1.0-amd64"]').getByTestId('signed-badge')).toHaveCount(0);
  const record = page.locator(`li[data-tag="${sigTag}"]`);
  await expect(record.getByText('record', { exact: true })).toBeVisible();
  await expect(record.getByRole('button', { name: /^Add to draft/ })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/ui-features-trust-badges.png' });
  await page.screenshot({ path: '/tmp/ui-features-tag-list.png', fullPage: true });
});

test('the repository filter searches the whole catalog, beyond the pages loaded', async ({
  page,
}) => {
  // Two names a page: e2e/power sorts after every demo/ repository, so it is not loaded yet.
  await page.goto(`/registry/${registry}?n=2`);
  await expect(page.getByRole('link', { name: REPO, exact: true })).toHaveCount(0);
  await expect(page.getByText(/Searches the whole catalog on the server/)).toBeVisible();
  await page.getByLabel('Filter repositories').pressSequentially('power');
  await expect(page.getByRole('link', { name: REPO, exact: true })).toBeVisible();
  // Each row says how many tags its repository has: three images and one signature here.
  await expect(page.getByTestId('tag-count')).toHaveText('4 tags');
  await expect(
    page.getByText(/1 repository matches “power” among \d+ in the catalog\./),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/ui-features-catalog-search.png' });
});
