import { expect, test } from '@playwright/test';

import { layoutProblems } from './support/layout';
import { draftWithProblem, everyPage, settle } from './support/pages';

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
