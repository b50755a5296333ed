import { expect, test } from '@playwright/test';

import { layoutProblems } from './support/layout';
import { draftWithProblem, everyPage, openShazamTags, settle } from './support/pages';

// Every page at phone and desktop width, light and dark: nothing sticks out sideways, no table
// column is clipped, nothing scrolls sideways that is not meant to.
const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

let draftPath = '';
test.beforeAll(async ({ request }) => {
  draftPath = await draftWithProblem(request);
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`every page fits ${size.width}px, ${colorScheme}`, async ({ browser }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({
        viewport: size,
        colorScheme,
        baseURL: test.info().project.use.baseURL,
        ...(size.width < 640 ? { isMobile: true, hasTouch: true } : {}),
      });
      const page = await context.newPage();
      const found: string[] = [];
      for (const visit of everyPage(draftPath)) {
        await page.goto(visit.path);
        await settle(page);
        for (const p of await layoutProblems(page, size.width)) found.push(`${visit.name}: ${p}`);
      }
      await context.close();
      expect(found, found.join('\n')).toEqual([]);
    });
  }
}

// The tag list's own controls (checkboxes, the selection bar, a row's Pull panel) only appear on
// use: open them, then look for the same problems.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`the tag list's selection bar and pull panel fit ${size.width}px, ${colorScheme}`, async ({
      browser,
    }) => {
      const context = await browser.newContext({
        viewport: size,
        colorScheme,
        baseURL: test.info().project.use.baseURL,
        ...(size.width < 640 ? { isMobile: true, hasTouch: true } : {}),
      });
      const page = await context.newPage();
      await openShazamTags(page);
      await page.getByRole('checkbox', { name: 'Select amd64' }).click();
      await page.getByRole('checkbox', { name: 'Select arm64' }).click();
      await expect(page.getByRole('region', { name: 'Selected tags' })).toContainText(
        '2 tags selected',
      );
      await page.getByRole('button', { name: 'Pull: latest' }).click();
      await expect(page.locator('li[data-tag="latest"]').getByTestId('tag-details')).toBeVisible();
      await settle(page);
      const found = await layoutProblems(page, size.width);
      await page.screenshot({
        path: `/tmp/ui-features-layout-${size.width}-${colorScheme}.png`,
      });
      await context.close();
      expect(found, found.join('\n')).toEqual([]);
    });
  }
}
