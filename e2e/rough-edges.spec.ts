import { createHash } from 'node:crypto';

import { expect, test, type APIRequestContext, type Page } from './support/fixtures';

import { SAME_ORIGIN } from './support/origin';
import { registry } from './support/pages';

// Issue 23's bugs, one test each, with the real pointer and keyboard.
const registry2 = `127.0.0.1:${process.env.E2E_REGISTRY2_PORT ?? 5101}`;
const app2 = `http://127.0.0.1:${process.env.E2E_APP2_PORT ?? 3101}`;
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Pushes an OCI artifact (empty config and layer) under each tag, straight to the registry. */
async function pushArtifact(
  repository: string,
  tags: string[],
  subject?: { mediaType: string; digest: string; size: number },
): Promise<{ mediaType: string; digest: string; size: number }> {
  let pushed = { mediaType: OCI_MANIFEST, digest: '', size: 0 };
  const empty = Buffer.from('{}');
  const start = await fetch(`http://${registry}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
  });
  expect(start.status).toBe(202);
  const url = new URL(start.headers.get('location') ?? '', `http://${registry}`);
  url.searchParams.set('digest', sha256(empty));
  const put = await fetch(url, { method: 'PUT', body: new Uint8Array(empty) });
  expect(put.status).toBe(201);
  const desc = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(empty), size: 2 };
  for (const tag of tags) {
    const body = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: subject
          ? 'application/vnd.dev.cosign.artifact.sig.v1+json'
          : `application/vnd.example.${tag.split('.').at(-1)}`,
        config: desc,
        layers: [desc],
        ...(subject ? { subject } : {}),
      }),
    );
    pushed = { mediaType: OCI_MANIFEST, digest: sha256(body), size: body.length };
    const res = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: { 'content-type': OCI_MANIFEST },
    });
    expect(res.status).toBe(201);
  }
  return pushed;
}

/** Returns the id of a new draft holding `references`, made through the API (setup only). */
async function draftWith(
  request: APIRequestContext,
  name: string,
  references: string[],
): Promise<string> {
  const created = await request.post('/api/drafts', { headers: SAME_ORIGIN, data: { name } });
  const { id } = (await created.json()) as { id: string };
  for (const reference of references) {
    const res = await request.post(`/api/drafts/${id}/entries`, {
      headers: SAME_ORIGIN,
      data: { reference },
    });
    expect(res.ok(), await res.text()).toBe(true);
  }
  return id;
}

/** Scans namespace cov/ of the second registry through the API and returns the scan's id. */
async function coverageScan(request: APIRequestContext): Promise<string> {
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

/** Signs in to the second Manifold through its test identity provider. */
async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(`${app2}/drafts`);
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(login);
}

test('1: a dialog opens with focus in its field (a space types, not closes); Escape returns focus to its button', async ({
  page,
}) => {
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  const retag = page.getByTestId('image-actions').getByRole('button', { name: 'Retag…' });
  await retag.click();
  const dialog = page.getByTestId('retag-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('stable v');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('New tags')).toHaveValue('stable v');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(retag).toBeFocused();
});

test('2: a bare word as a draft destination is refused with the repository it needs, not pushed as a new repository', async ({
  page,
  request,
}) => {
  const id = await draftWith(request, `rough bare ${Date.now()}`, [
    `${registry}/demo/shazam:amd64`,
  ]);
  await page.goto(`/drafts/${id}`);
  await page.getByLabel('Destination tag').fill('latest');
  await page.getByRole('button', { name: 'Preview push' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'names no repository' })).toContainText(
    'repository:latest',
  );
  await expect(page.getByText(`${registry}/latest:latest`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Push to/ })).toHaveCount(0);
});

test('3: coverage at 390 px: the fix button sits beside the repository, has a name, and opens one dialog', async ({
  page,
  request,
}) => {
  const scan = await coverageScan(request);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/coverage?registry=${registry2}&scan=${scan}&q=app-0001`);
  const row = page.locator('[data-repository="cov/app-0001"]');
  const fix = row.getByRole('button', { name: 'Add cov/app-0001:latest to a draft' });
  await row.scrollIntoViewIfNeeded();
  await expect(fix).toBeInViewport();
  await expect(row.getByRole('link', { name: 'cov/app-0001' })).toBeInViewport();
  await fix.click();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  const dialog = page.getByRole('dialog', { name: 'Fix a gap' });
  await dialog.getByRole('combobox', { name: 'Draft' }).selectOption({ label: 'New draft…' });
  await dialog.getByLabel('New draft name').fill(`rough fix ${Date.now()}`);
  // A real click: nothing may lie over the Add button.
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Added to rough fix');
});

test('5: signed out, the sign-in page shows the logo and the icons are served, not redirected', async ({
  page,
}) => {
  await page.goto(`${app2}/sign-in`);
  const logo = page.locator('img[src="/logo.svg"]').first();
  await expect(logo).toBeVisible();
  await expect
    .poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  for (const asset of ['/logo.svg', '/icon.svg', '/favicon.ico']) {
    const res = await page.request.get(`${app2}${asset}`, { maxRedirects: 0 });
    expect(res.status(), asset).toBe(200);
  }
});

test('10 and Add to draft on signatures: cosign tags of one digest keep their suffix in view, and offer no Add to draft', async ({
  page,
}) => {
  const hex = createHash('sha256').update('rough edges').digest('hex');
  await pushArtifact('rough/cosign', [`sha256-${hex}.sig`, `sha256-${hex}.att`]);
  await page.goto(`/repo/${registry}/rough/cosign`);
  for (const suffix of ['sig', 'att']) {
    const row = page.locator(`li[data-tag="sha256-${hex}.${suffix}"]`);
    const link = row.getByRole('link', { name: `sha256-${hex}.${suffix}` });
    const shown = link.getByText(`.${suffix}`, { exact: true });
    await expect(shown).toBeVisible();
    const [box, inner] = [await link.boundingBox(), await shown.boundingBox()];
    expect(inner!.x + inner!.width).toBeLessThanOrEqual(box!.x + box!.width + 0.5);
    await expect(row.getByText('artifact', { exact: true }).first()).toBeAttached();
    await expect(row.getByRole('button', { name: /Add to draft/ })).toHaveCount(0);
  }
});

test('11: adding an image a draft already holds says nothing was added', async ({
  page,
  request,
}) => {
  const name = `rough twice ${Date.now()}`;
  await draftWith(request, name, [`${registry}/demo/shazam:amd64`]);
  await page.goto(`/image/${registry}/demo/shazam:amd64`);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Add to draft' }).click();
  const panel = page.getByRole('dialog', { name: 'Add to draft' });
  await panel.locator('select').selectOption({ label: `${name} (1)` });
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText(
    `Nothing added: ${name} already holds this image.`,
  );
});

test('13: a viewer can only make viewer tokens', async ({ page }) => {
  await signIn(page, 'vic');
  await page.goto(`${app2}/settings/tokens`);
  const role = page.getByRole('combobox', { name: 'At most' });
  await expect(role).toBeVisible();
  await expect(role.locator('option')).toHaveText(['viewer (read)']);
});

test('14: coverage dates read as elsewhere (UTC), its title is a page title, copy buttons look active', async ({
  page,
  request,
}) => {
  const scan = await coverageScan(request);
  await page.goto(`/coverage?registry=${registry2}&scan=${scan}`);
  await expect(page.getByTestId('scan-status')).toHaveText('Done');
  await expect(page.locator('main')).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(page.locator('main')).not.toContainText(/\d{1,2}\/\d{1,2}\/\d{4}/);
  await expect(page.getByTestId('coverage-legend')).toContainText('no judged tag has it');
  const size = (p: Page) =>
    p.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).fontSize);
  const coverageTitle = await size(page);
  await page.goto('/activity');
  expect(coverageTitle).toBe(await size(page));
  await page.goto(`/coverage?registry=${registry2}&scan=${scan}`);
  const copy = page.getByRole('button', { name: /^Copy link/ });
  const color = await copy.evaluate((b) => getComputedStyle(b).color);
  // text-zinc-500 (the look of a disabled control) is oklch(55.2% ...): an active button is darker.
  expect(color).not.toContain('0.552');
});

test('15: a registry Manifold is not configured for: one sentence, code as code, no links to the same error', async ({
  page,
}) => {
  await page.goto('/image/quay.io/org/app:1.2');
  const alert = page.getByRole('alert').filter({ hasText: 'Cannot open' });
  await expect(alert).toContainText('Manifold does not contact quay.io');
  await expect(alert.locator('code').first()).toBeVisible();
  expect(await alert.textContent()).not.toContain('`');
  await expect(alert).not.toContainText('Manifold contacts only the registries');
  await expect(page.getByRole('link', { name: /See the tags of|Browse quay\.io/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open another reference' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('17: an editor reads why Remove platform is missing; the Compare fields are named as they read', async ({
  page,
}) => {
  await signIn(page, 'eve');
  await page.goto(`${app2}/image/${registry}/demo/shazam:latest`);
  const actions = page.getByTestId('image-actions');
  await expect(actions.getByText('Remove platform needs the admin role')).toBeVisible();

  await page.goto(`${app2}/image/${registry}/demo/shazam:latest?tab=compare`);
  for (const name of ['Left platform', 'Right platform']) {
    const field = page.getByRole('combobox', { name, exact: true });
    await expect(field).toBeVisible();
    const visible = await field.evaluate((s) =>
      s.closest('label')?.firstChild?.textContent?.trim(),
    );
    expect(visible).toBe(name);
  }
});

test('16: image history keeps its comments; label keys wrap at their dots, not mid-word', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/image/${registry}/demo/shazam:amd64?tab=details`);
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByText('ENV ARCH=amd64')).toBeVisible();
  await expect(history.getByText('buildkit.dockerfile.v0').first()).toBeVisible();
  const keys = page.getByRole('table', { name: 'Labels' }).getByRole('rowheader');
  await expect(keys.first()).toBeVisible();
  // The character before each line break of every key: only a dot or a slash may end a line.
  const breaks = await keys.evaluateAll((ths) =>
    ths.flatMap((th) => {
      const out: string[] = [];
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      let top: number | undefined;
      let previous = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < (n.textContent ?? '').length; i++) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const t = range.getBoundingClientRect().top;
          if (top !== undefined && t > top + 2) out.push(`${th.textContent}: after "${previous}"`);
          top = t;
          previous = n.textContent![i]!;
        }
      }
      return out.filter((b) => !/after "[./]"$/.test(b));
    }),
  );
  expect(breaks).toEqual([]);
});

test('7: the activity repository filter finds part of a name; no match says so instead of "Nothing yet"', async ({
  page,
  request,
}) => {
  const repository = `rough/act-${Date.now()}`;
  const inspect = await request.get(`/api/inspect?ref=${registry}/demo/shazam:latest`);
  const { digest } = (await inspect.json()) as { digest: string };
  const copied = await request.post('/api/images/copy', {
    headers: SAME_ORIGIN,
    data: {
      registry,
      repository: 'demo/shazam',
      digest,
      destination: `${registry}/${repository}:v1`,
      expectedDigest: null,
    },
  });
  expect(copied.status(), await copied.text()).toBe(202);
  const { job } = (await copied.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { status: string }).status,
    )
    .toBe('succeeded');

  await page.goto('/activity');
  const field = page.getByRole('textbox', { name: 'Repository' });
  await field.click();
  await page.keyboard.type(repository.slice('rough/'.length));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('activity-row')).toHaveCount(1);
  await expect(page.getByTestId('activity-row')).toContainText(repository);

  await page.getByRole('textbox', { name: 'Repository' }).fill('no-such-repository-anywhere');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('activity-none')).toContainText(
    'No activity matches these filters',
  );
  await expect(page.getByText('Nothing yet')).toHaveCount(0);
});

test('12: activity rows fit a phone with their tag and digests in view; references wrap at separators', async ({
  page,
  request,
}) => {
  // Activity of this test's own, in a repository of its own: a copy of demo/shazam:latest.
  const tag = `rough-activity-${Date.now()}`;
  await copyShazam(request, 'latest', `${registry}/rough/activity:${tag}`, null);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/activity?tag=${tag}`);
  const row = page.getByTestId('activity-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: new RegExp(`${tag}$`) })).toBeInViewport({ ratio: 1 });
  await expect(
    row
      .getByRole('link')
      .filter({ hasText: /[0-9a-f]{12}/ })
      .first(),
  ).toBeInViewport({
    ratio: 1,
  });
  // A copy row lists its platforms too; the table row it replaced was 305 px tall.
  expect((await row.boundingBox())!.height).toBeLessThan(260);

  await page.setViewportSize({ width: 1366, height: 900 });
  const reference = row.getByRole('link', { name: new RegExp(`${tag}$`) });
  const breaks = await reference.evaluate((a) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    let top: number | undefined;
    let previous = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < (n.textContent ?? '').length; i++) {
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const t = range.getBoundingClientRect().top;
        if (top !== undefined && t > top + 2) out.push(previous);
        top = t;
        previous = n.textContent![i]!;
      }
    }
    return out;
  });
  // A hyphen is a word's end too; a break inside a word is the bug.
  expect(breaks.filter((c) => !['/', ':', '.', '@', '-'].includes(c))).toEqual([]);
});

test('coverage: the request budget is checked by itself, so Start scan needs no extra click', async ({
  page,
}) => {
  await page.goto(`/coverage?registry=${registry2}`);
  await page.getByRole('combobox', { name: 'Repositories' }).selectOption('namespace');
  await page.getByRole('textbox', { name: 'Namespace' }).click();
  await page.keyboard.type('cov');
  await expect(
    page.getByRole('status').filter({ hasText: 'requests the first time' }),
  ).toContainText('12 repositories');
  await expect(page.getByRole('button', { name: 'Start scan' })).toBeEnabled();
});

test('9: one cosign signature, kept both in the fallback index and under its .sig tag, counts once', async ({
  page,
}) => {
  const repository = `rough/signed-${Date.now()}`;
  const subject = await pushArtifact(repository, ['v1']);
  const hex = subject.digest.slice('sha256:'.length);
  // cosign with the referrers fallback: the signature under its .sig tag and in the index tag.
  const signature = await pushArtifact(repository, [`sha256-${hex}.sig`], subject);
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { ...signature, artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json' },
      ],
    }),
  );
  const res = await fetch(`http://${registry}/v2/${repository}/manifests/sha256-${hex}`, {
    method: 'PUT',
    body: new Uint8Array(index),
    headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
  });
  expect(res.status).toBe(201);

  await page.goto(`/image/${registry}/${repository}:v1`);
  await page.getByRole('link', { name: 'Referrers' }).click();
  await expect(page.getByTestId('referrers')).toContainText('1 referrer found.');
});

test('4: the coverage budget samples the whole namespace, not its first repositories by name', async ({
  page,
}) => {
  // Five small repositories sort first; fifteen with six tags each follow: 95 tags in all.
  const ns = `rough-budget-${Date.now()}`;
  for (let i = 0; i < 5; i++) await pushArtifact(`${ns}/a-${i}`, ['1.0']);
  for (let i = 0; i < 15; i++)
    await pushArtifact(`${ns}/b-${i}`, ['1.0', '1.1', '1.2', '2.0', '2.1', 'latest']);
  await page.goto(`/coverage?registry=${registry}`);
  await page.getByRole('combobox', { name: 'Repositories' }).selectOption('namespace');
  await page.getByRole('textbox', { name: 'Namespace' }).fill(ns);
  await page.getByRole('button', { name: 'Check budget' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'requests the first time' }),
  ).toContainText('20 repositories, about 95 tags');
});

/** Copies demo/shazam:<tag> to `destination` through the API and waits for the job. */
async function copyShazam(
  request: APIRequestContext,
  tag: string,
  destination: string,
  expectedDigest: string | null,
): Promise<string> {
  const inspect = await request.get(`/api/inspect?ref=${registry}/demo/shazam:${tag}`);
  const { digest } = (await inspect.json()) as { digest: string };
  const started = await request.post('/api/images/copy', {
    headers: SAME_ORIGIN,
    data: { registry, repository: 'demo/shazam', digest, destination, expectedDigest },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { status: string }).status,
    )
    .toBe('succeeded');
  return digest;
}

test('Overwrite anyway: a moved tag says which platforms overwriting would lose, once, without raw codes', async ({
  page,
  request,
}) => {
  const destination = `${registry}/rough/overwrite-${Date.now()}:latest`;
  const listed = await copyShazam(request, 'latest', destination, null);
  const id = await draftWith(request, `rough overwrite ${Date.now()}`, [
    `${registry}/demo/shazam:amd64`,
  ]);
  await page.goto(`/drafts/${id}`);
  await page.getByLabel('Destination tag').fill(destination);
  await page.getByRole('button', { name: 'Preview push' }).click();
  await expect(page.getByRole('button', { name: 'Push to 1 tag' })).toBeVisible();
  // Meanwhile someone else puts an s390x-only image under the tag.
  await copyShazam(request, 's390x', destination, listed);
  await page.getByRole('button', { name: 'Push to 1 tag' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The destination changed' });
  await expect(alert.getByTestId('overwrite-loss')).toContainText('overwriting loses linux/s390x');
  await expect(alert).not.toContainText('(CONFLICT)');
  await expect(alert.getByRole('button', { name: 'Overwrite anyway' })).toBeVisible();
});

test('home box: a name without a registry offers the configured one; a docker pull line and an https URL open', async ({
  page,
}) => {
  await page.goto('/');
  const box = page.getByLabel('Open an image or manifest list');
  await expect(box).toHaveAttribute('placeholder', new RegExp(`${registry}/demo/shazam:latest`));
  await box.click();
  await page.keyboard.type('demo/shazam:latest');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: `${registry}/demo/shazam:latest` }).click();
  await expect(page).toHaveURL(new RegExp(`/image/${registry}/demo/shazam:latest$`));

  await page.goto('/');
  await page.getByLabel('Open an image or manifest list').click();
  await page.keyboard.type(`docker pull --platform linux/amd64 ${registry}/demo/shazam:amd64`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/image/${registry}/demo/shazam:amd64$`));

  await page.goto('/');
  await page.getByLabel('Open an image or manifest list').click();
  await page.keyboard.type(`https://${registry}/demo/shazam:s390x`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/image/${registry}/demo/shazam:s390x$`));
});
