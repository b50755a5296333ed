import { expect, test, type Page } from './support/fixtures';

// The second Manifold of playwright.config.ts: sign-in through a real OpenID provider on loopback,
// whose groups map to roles (manifold-editors -> editor, manifold-admins -> admin, ...).
const app2 = `http://127.0.0.1:${process.env.E2E_APP2_PORT ?? 3101}`;
const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;
const tag = `${registry}/signed-in/shazam:eve`;
const ORIGIN = { origin: app2 };

test.use({ baseURL: app2 });

/** Signs in through the test identity provider's login form, from a signed-out page. */
async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/drafts');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdrafts$/);
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(`${app2}/drafts`);
  await expect(page.getByTestId('signed-in-user')).toHaveText(login);
}

async function imagePage(page: Page): Promise<void> {
  await page.goto(`/image/${tag}`);
  await expect(page.getByTestId('digest')).toContainText('sha256:');
}

test('an editor from the identity provider pushes a draft but may not delete; sign-out ends the session', async ({
  page,
}) => {
  await signIn(page, 'eve');

  // Nothing works without the session: the API answers 401 to a request without the cookie.
  const anonymous = await page.request.fetch('/api/drafts', { headers: { cookie: '' } });
  expect(anonymous.status()).toBe(401);

  await page.getByLabel('Draft name').fill('signed-in shazam');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/drafts\/[\w-]+$/);
  await page.getByLabel('Add an image by reference').fill(`${registry}/demo/shazam:amd64`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('draft-entry').first()).toBeVisible();
  await page.getByLabel('Destination tag').fill(tag);
  await page.getByRole('button', { name: 'Preview push' }).click();
  await page.getByRole('button', { name: 'Push to 1 tag' }).click();
  const job = page.locator('section[data-job-id]');
  await expect(job.getByTestId('job-status')).toHaveText('Succeeded', { timeout: 45_000 });

  // The image page offers retag and copy, but no Delete: it says which role that needs.
  await imagePage(page);
  const actions = page.getByTestId('image-actions');
  await expect(actions.getByRole('button', { name: 'Retag…' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Delete…' })).toHaveCount(0);
  await expect(actions.getByText('Delete needs the admin role')).toBeVisible();

  // The API agrees: deleting answers 403 naming the role.
  const digest = ((await page.getByTestId('digest').textContent()) ?? '').trim();
  const denied = await page.request.post('/api/images/delete', {
    headers: ORIGIN,
    data: { registry, repository: 'signed-in/shazam', digest, seenTags: ['eve'] },
  });
  expect(denied.status()).toBe(403);
  const body = (await denied.json()) as { error: { code: string; details: { required: string } } };
  expect(body.error.code).toBe('FORBIDDEN');
  expect(body.error.details.required).toBe('admin');

  // Sign-out ends the session in the store: the old cookie no longer works.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'manifold_session');
  expect(cookie).toBeDefined();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replayed = await page.request.fetch('/api/drafts', {
    headers: { cookie: `manifold_session=${cookie!.value}` },
  });
  expect(replayed.status()).toBe(401);
  await page.goto('/drafts');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an admin deletes what the editor pushed', async ({ page }) => {
  await signIn(page, 'ada');
  await imagePage(page);
  await page.getByTestId('image-actions').getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await dialog.getByTestId('confirm-delete').click();
  await expect(dialog.getByTestId('delete-done')).toContainText('The registry no longer serves it');
  // The registry agrees: the tag is gone.
  const gone = await page.request.head(`http://${registry}/v2/signed-in/shazam/manifests/eve`, {
    headers: { Accept: 'application/vnd.oci.image.index.v1+json' },
  });
  expect(gone.status()).toBe(404);
});

test('a viewer sees no write control at all', async ({ page }) => {
  await signIn(page, 'vic');
  await expect(page.getByLabel('Draft name')).toHaveCount(0);
  await expect(page.getByText('Creating drafts needs the editor role')).toBeVisible();
  await page.goto(`/image/${registry}/demo/shazam:latest`);
  await expect(page.getByTestId('digest')).toContainText('sha256:');
  await expect(
    page.getByRole('button', { name: /Retag|Copy to|Delete|Remove|Add to draft|Restore/ }),
  ).toHaveCount(0);
  await expect(page.getByText('Retag and copy needs the editor role')).toBeVisible();
  await page.goto(`/repo/${registry}/demo/shazam`);
  await expect(page.getByRole('button', { name: /Add to draft/ })).toHaveCount(0);
});

test('every change made while signed in names who made it', async ({ page }) => {
  await signIn(page, 'ada');
  await page.goto('/activity');
  const rows = page.getByTestId('activity-row');
  await expect(rows.first()).toBeVisible();
  const who = await page.getByTestId('activity-who').allTextContents();
  expect(who.length).toBeGreaterThanOrEqual(2);
  expect(new Set(who)).toEqual(new Set(['eve', 'ada']));
});
