import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { SAME_ORIGIN } from './origin';

export const registry = `127.0.0.1:${process.env.E2E_REGISTRY_PORT ?? 5100}`;

/** A page every layout, accessibility and screenshot check visits. */
export interface PageVisit {
  name: string;
  path: string;
}

/**
 * Returns the path of a draft with a problem (a platform twice, so long messages and digests are
 * on the page), made through the API for the page checks; the same name each time.
 */
export async function draftWithProblem(request: APIRequestContext): Promise<string> {
  const created = await request.post('/api/drafts', {
    headers: SAME_ORIGIN,
    data: { name: 'layout check' },
  });
  const { id } = (await created.json()) as { id: string };
  for (const reference of [`${registry}/demo/shazam:amd64`, `${registry}/demo/buildkit:latest`]) {
    const res = await request.post(`/api/drafts/${id}/entries`, {
      headers: SAME_ORIGIN,
      data: { reference },
    });
    if (!res.ok()) throw new Error(`adding ${reference}: ${res.status()} ${await res.text()}`);
  }
  return `/drafts/${id}`;
}

/** Every page of the app, in the states people meet them in (lists, images, artifacts, errors, drafts). */
export function everyPage(draftPath: string): PageVisit[] {
  const image = `/image/${registry}/demo/shazam:latest`;
  return [
    { name: 'home', path: '/' },
    { name: 'registry', path: `/registry/${registry}` },
    { name: 'repository', path: `/repo/${registry}/demo/shazam` },
    { name: 'coverage', path: `/repo/${registry}/demo/shazam?view=coverage` },
    { name: 'image-platforms', path: image },
    { name: 'image-details', path: `${image}?tab=details` },
    { name: 'image-compare', path: `${image}?tab=compare` },
    { name: 'image-raw', path: `${image}?tab=raw` },
    { name: 'image-referrers', path: `${image}?tab=referrers` },
    { name: 'image-history', path: `${image}?tab=history` },
    { name: 'buildkit', path: `/image/${registry}/demo/buildkit:latest` },
    { name: 'broken', path: `/image/${registry}/demo/broken:latest` },
    { name: 'nested', path: `/image/${registry}/demo/nested:latest` },
    { name: 'windows', path: `/image/${registry}/demo/windows:ltsc2022` },
    { name: 'single', path: `/image/${registry}/demo/single:1.0` },
    { name: 'artifact', path: `/image/${registry}/demo/artifact:v1` },
    { name: 'missing-tag', path: `/image/${registry}/demo/shazam:no-such-tag` },
    { name: 'drafts', path: '/drafts' },
    { name: 'draft', path: draftPath },
    { name: 'activity', path: '/activity' },
    { name: 'coverage', path: `/coverage?registry=${registry}` },
    { name: 'not-found', path: '/no/such/page' },
  ];
}

/** Waits until the page has loaded what it shows: no request in flight, no busy region left. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}

/**
 * Opens demo/shazam's tag list and waits until its rows have their summaries (the s390x row says
 * "image"), so what follows sees the list as a user does.
 */
export async function openShazamTags(page: Page): Promise<void> {
  await page.goto(`/repo/${registry}/demo/shazam`);
  await expect(
    page
      .locator('li[data-tag="s390x"]')
      .getByText('image', { exact: true })
      .filter({ visible: true }),
  ).toBeVisible();
}
