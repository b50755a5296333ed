import { createHash } from 'node:crypto';

import { expect, test, type Page } from './support/fixtures';

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
  await page
    .locator('[data-platform="linux/arm64/v8"]')
    .getByRole('link', { name: 'linux/arm64/v8' })
    .click();
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
  // The first two platforms are picked and compared at once; headers are written as they are.
  await expect(page.getByText(/Pick two platforms/)).toHaveCount(0);
  const header = page
    .getByTestId('compare-view')
    .getByRole('columnheader', { name: 'latest · linux/amd64' })
    .first();
  await expect(header).toBeVisible();
  expect(await header.evaluate((el) => getComputedStyle(el).textTransform)).toBe('none');
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
  await expect(
    env
      .locator('tr[data-differs="true"]')
      .filter({ has: page.getByRole('rowheader', { name: /^(differs: )?ARCH$/ }) }),
  ).toBeVisible();
  await expect(
    labels.locator('tr[data-differs="true"]').filter({ hasText: 'com.example.shazam.simd' }),
  ).toBeVisible();
  await expect(
    labels
      .locator('tr[data-differs="false"]')
      .filter({ hasText: 'org.opencontainers.image.title' }),
  ).toBeVisible();
  // The base layer is shared; each platform's own layer is not.
  await expect(view.locator('tr[data-shared="true"]')).toHaveCount(1);
  await expect(view.locator('tr[data-shared="false"]')).toHaveCount(2);
  await saveScreenshot(page, 'compare');
});

test('the BuildKit-shaped index shows attestation badges and no unknown/unknown platform', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/buildkit:latest`);
  const rows = page.getByTestId('platform-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('unknown/unknown')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'attestation' })).toHaveCount(2);
  await saveScreenshot(page, 'buildkit');

  // The badge says what it attests and opens the attestation, which knows what it is for.
  await page.getByRole('link', { name: 'attestation · SBOM (SPDX) for linux/amd64' }).click();
  await expect(page).toHaveURL(/demo\/buildkit@sha256:[0-9a-f]{64}\?list=latest$/);
  const of = page.getByTestId('attestation-of').first();
  await expect(of).toContainText('SBOM (SPDX) attestation for linux/amd64');
  await expect(page.getByText('unknown/unknown')).toHaveCount(0);
  await expect(page.getByTestId('attestation-details')).toContainText('https://spdx.dev/Document');
  await of.getByRole('link', { name: /back to demo\/buildkit:latest/ }).click();
  await expect(page).toHaveURL(/demo\/buildkit:latest$/);
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
  // Said in words, in the row's own cells, with the way out.
  await expect(page.getByTestId('row-error')).toContainText(
    'This image was deleted from the repository',
  );
  await expect(page.getByTestId('row-error')).not.toContainText('GET ');
  await expect(
    page.getByRole('button', { name: /^Remove this platform from the list/ }),
  ).toBeVisible();
  await saveScreenshot(page, 'broken');
});

test('raw view shows the exact bytes and the equivalent commands', async ({ page, request }) => {
  await page.goto(`/image/${registry}/demo/shazam:latest?tab=raw`);
  await page.getByRole('button', { name: 'Verbatim' }).click();
  const api = await request.get(`/api/inspect?ref=${registry}/demo/shazam:latest&raw=1`);
  expect(api.ok()).toBe(true);
  const body = (await api.json()) as { raw: string; digest: string };
  await expect(page.getByTestId('raw-manifest')).toHaveText(body.raw);
  await expect(
    page.getByText(
      `skopeo inspect --raw --tls-verify=false docker://${registry}/demo/shazam:latest`,
    ),
  ).toBeVisible();
  await expect(page.getByText(body.digest).first()).toBeVisible();
});

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Writes straight to the demo registry (plain HTTP), the way another tool would. */
async function pushBlob(repository: string, bytes: Buffer): Promise<void> {
  const start = await fetch(`http://${registry}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
  });
  expect(start.status).toBe(202);
  const url = new URL(start.headers.get('location') ?? '', `http://${registry}`);
  url.searchParams.set('digest', sha256(bytes));
  const put = await fetch(url, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(put.status).toBe(201);
}

async function pushManifest(
  repository: string,
  reference: string,
  body: object,
  mediaType: string,
): Promise<{ digest: string; size: number }> {
  const bytes = Buffer.from(JSON.stringify(body));
  const res = await fetch(`http://${registry}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': mediaType },
  });
  expect(res.status).toBe(201);
  return { digest: sha256(bytes), size: bytes.length };
}

async function headManifest(
  repository: string,
  reference: string,
): Promise<{ digest: string; size: number; mediaType: string }> {
  const res = await fetch(`http://${registry}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: {
      accept: [
        OCI_MANIFEST,
        OCI_INDEX,
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
      ].join(', '),
    },
  });
  expect(res.status).toBe(200);
  return {
    digest: res.headers.get('docker-content-digest') ?? '',
    size: Number(res.headers.get('content-length')),
    mediaType: res.headers.get('content-type') ?? '',
  };
}

async function digestOf(page: Page, platform: string): Promise<string> {
  const value = await page
    .getByLabel('Left platform')
    .locator('option', { hasText: `${platform} (` })
    .getAttribute('value');
  return value ?? '';
}

test('one platform compared across two tags, and a tag without that platform is explained', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:latest?tab=compare`);
  const arm64 = await digestOf(page, 'linux/arm64/v8');
  await page.getByLabel('Left platform').selectOption(arm64);
  await page.getByLabel('Other tag').fill('arm64');
  await expect(page.getByLabel('Right platform')).toBeDisabled();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(
    new RegExp(`tab=compare&a=${arm64.replace(':', '%3A')}&otherTag=arm64$`),
  );
  const view = page.getByTestId('compare-view');
  // The arm64 tag is the very image the list points at: nothing differs, every layer is shared.
  await expect(
    view.getByRole('columnheader', { name: 'arm64 · linux/arm64/v8' }).first(),
  ).toBeVisible();
  await expect(page.getByTestId('difference-count')).toHaveText(
    'No differences in config, labels or environment.',
  );
  await expect(view.locator('tr[data-shared="false"]')).toHaveCount(0);
  await expect(view.locator('tr[data-shared="true"]')).toHaveCount(2);

  await page.goto(
    `/image/${registry}/demo/shazam:latest?tab=compare&a=${encodeURIComponent(arm64)}&otherTag=amd64`,
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot compare' })).toContainText(
    'Tag amd64 has no linux/arm64/v8 image.',
  );
  await expect(page.getByTestId('compare-view')).toHaveCount(0);
});

test('a referrer pushed with the tag-schema fallback shows on the Referrers tab and opens as an artifact', async ({
  page,
}) => {
  const subject = await headManifest('demo/single', '1.0');
  const empty = Buffer.from('{}');
  await pushBlob('demo/single', empty);
  const emptyDesc = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: sha256(empty),
    size: empty.length,
  };
  const artifactType = 'application/vnd.dev.cosign.artifact.sig.v1+json';
  const sig = await pushManifest(
    'demo/single',
    'e2e-signature',
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: emptyDesc,
      layers: [emptyDesc],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    },
    OCI_MANIFEST,
  );
  // distribution 2.8 has no referrers API: clients keep the referrers in an index tagged sha256-<hex>.
  await pushManifest(
    'demo/single',
    subject.digest.replace(':', '-'),
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: sig.digest, size: sig.size, artifactType }],
    },
    OCI_INDEX,
  );

  await page.goto(`/image/${registry}/demo/single:1.0?tab=referrers`);
  const referrers = page.getByTestId('referrers');
  await expect(referrers).toContainText('1 referrer found.');
  // distribution has no referrers API: the tab says, in words, that it read the fallback tag.
  await expect(page.getByTestId('referrers-how')).toContainText(
    'This registry has no referrers API',
  );
  await expect(page.getByTestId('referrers-how')).toContainText('fallback tag');
  const entry = referrers.getByTestId('referrers-for').filter({ hasText: 'For this manifest' });
  await expect(entry.getByText('signature', { exact: true })).toBeVisible();
  await expect(entry.getByText(artifactType)).toBeVisible();
  await entry.getByRole('link', { name: sig.digest.slice(7, 19) }).click();
  await expect(page).toHaveURL(
    new RegExp(`/image/${registry.replace(/\./g, '\\.')}/demo/single@${sig.digest}`),
  );
  await expect(page.getByText('OCI artifact')).toBeVisible();
  await expect(page.getByTestId('digest')).toHaveText(sig.digest);
  // What it refers to is a link back to the signed image.
  await page.getByTestId('refers-to').click();
  await expect(page).toHaveURL(new RegExp(`demo/single@${subject.digest}$`));
});

test('cosign’s tag convention is recognised: sha256-<hex>.sig shows on the Referrers tab and links back', async ({
  page,
}) => {
  const subject = await headManifest('demo/windows', 'ltsc2022');
  const empty = Buffer.from('{}');
  await pushBlob('demo/windows', empty);
  const emptyDesc = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: sha256(empty),
    size: 2,
  };
  const payload = Buffer.from(
    JSON.stringify({ critical: { image: { 'docker-manifest-digest': subject.digest } } }),
  );
  await pushBlob('demo/windows', payload);
  const tag = `${subject.digest.replace(':', '-')}.sig`;
  await pushManifest(
    'demo/windows',
    tag,
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: emptyDesc,
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          digest: sha256(payload),
          size: payload.length,
          annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQ…' },
        },
      ],
    },
    OCI_MANIFEST,
  );

  await page.goto(`/image/${registry}/demo/windows:ltsc2022?tab=referrers`);
  const entry = page.getByTestId('referrers-for').filter({ hasText: 'For this manifest' });
  await expect(entry).toContainText('cosign signature, by cosign’s tag convention');
  await entry.getByRole('link', { name: /\.sig$/ }).click();
  await expect(page).toHaveURL(new RegExp(`demo/windows:${tag.replace('.', '\\.')}$`));
  await page.getByTestId('refers-to').click();
  await expect(page).toHaveURL(new RegExp(`demo/windows@${subject.digest}$`));
});

test('a nested index expands, and an artifact is shown as an artifact with its type', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/nested:latest`);
  const rows = page.getByTestId('platform-row');
  await expect(rows.filter({ hasText: 'nested index' })).toHaveCount(1);
  // The nested OCI index (amd64, arm64, s390x) and the single amd64 image.
  await expect(rows).toHaveCount(5);
  await expect(page.locator('[data-platform="linux/s390x"]')).toBeVisible();
  await expect(page.getByTestId('platform-count')).toHaveText('4');

  await page.goto(`/image/${registry}/demo/artifact:v1`);
  await expect(page.getByText('OCI artifact')).toBeVisible();
  await expect(page.getByText('application/vnd.example.sbom.v1+json').first()).toBeVisible();
  // An artifact has no container config: its details show what it is and its blobs instead.
  const details = page.getByTestId('artifact-details');
  await expect(details).toBeVisible();
  await expect(page.getByText('Entrypoint')).toHaveCount(0);
  await expect(details.getByRole('list', { name: 'Blobs' }).getByRole('listitem')).toHaveCount(1);
});

test('the platforms table shows the full identity, os.features and features included', async ({
  page,
}) => {
  const image = await headManifest('demo/single', '1.0');
  const platform = {
    os: 'linux',
    architecture: 'amd64',
    'os.features': ['example.os-feature'],
    features: ['sse4'],
  };
  await pushManifest(
    'demo/single',
    'e2e-features',
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.size, platform }],
    },
    OCI_INDEX,
  );
  await page.goto(`/image/${registry}/demo/single:e2e-features`);
  const features = page.getByTestId('platform-row').getByTestId('platform-features');
  await expect(features).toContainText('os.features: example.os-feature');
  await expect(features).toContainText('features: sse4');
});

test('the home reference box opens a pasted digest reference', async ({ page }) => {
  const list = await headManifest('demo/shazam', 'latest');
  await page.goto('/');
  await page
    .getByLabel('Open an image or manifest list')
    .fill(`${registry}/demo/shazam@${list.digest}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(`/image/${registry.replace(/\./g, '\\.')}/demo/shazam@${list.digest}$`),
  );
  await expect(page.getByTestId('digest')).toHaveText(list.digest);
  await expect(page.getByTestId('platform-count')).toHaveText('5');
});

test('a tag that does not exist is explained, with the way back to the repository', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:no-such-tag`);
  const alert = page.getByRole('alert').filter({ hasText: 'Cannot open' });
  await expect(alert).toContainText('Nothing is stored under this tag or digest');
  await alert.getByRole('link', { name: 'See the tags of demo/shazam' }).click();
  await expect(page).toHaveURL(new RegExp(`/repo/${registry.replace(/\./g, '\\.')}/demo/shazam$`));
});

test.describe('on a phone, in dark mode', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    colorScheme: 'dark',
    isMobile: true,
    hasTouch: true,
  });

  test('every tab fits the width, the page is dark, and the tabs work from the keyboard', async ({
    page,
  }) => {
    const arm64Href = `/image/${registry}/demo/shazam:latest?tab=details`;
    for (const tab of ['platforms', 'details', 'compare', 'raw', 'referrers']) {
      await page.goto(`/image/${registry}/demo/shazam:latest?tab=${tab}`);
      await expect(
        page
          .getByRole('navigation', { name: 'Views' })
          .getByRole('link', { name: new RegExp(tab, 'i') }),
      ).toHaveAttribute('aria-current', 'page');
      // Measured against 390, not innerWidth: a mobile browser widens its layout viewport to wide content.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
      expect(overflow, `horizontal overflow on the ${tab} tab`).toBeLessThanOrEqual(0);
      // Every tab is on screen, none cut off.
      for (const link of await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('link')
        .all()) {
        const box = await link.boundingBox();
        expect(
          (box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390,
          await link.innerText(),
        ).toBe(true);
      }
      if (tab === 'platforms' || tab === 'details')
        await saveScreenshot(page, `image-phone-dark-${tab}`);
    }
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');

    await page.goto(`/image/${registry}/demo/shazam:latest`);
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(
        () =>
          document.activeElement?.textContent === 'Details' &&
          document.activeElement.tagName === 'A',
      );
    }
    expect(found, 'the Details tab is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${arm64Href.replace(/[.?]/g, '\\$&')}$`));
    await expect(page.getByTestId('image-details')).toBeVisible();
  });
});
