import type { Page } from '@playwright/test';

/**
 * Saves a screenshot for the docs: into docs/screenshots/ when MANIFOLD_SCREENSHOTS=1
 * (`npm run screenshots`), otherwise into test-results/ so a test run leaves the docs alone.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  const dir =
    process.env.MANIFOLD_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: opts.fullPage ?? true });
}
