import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { draftWithProblem, everyPage, openShazamTags, settle } from './support/pages';

// axe-core on every page, light and dark (contrast differs): serious and critical violations fail.
let draftPath = '';
test.beforeAll(async ({ request }) => {
  draftPath = await draftWithProblem(request);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page passes axe, ${colorScheme}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({
      colorScheme,
      viewport: { width: 1366, height: 900 },
      baseURL: test.info().project.use.baseURL,
    });
    const page = await context.newPage();
    const found: string[] = [];
    for (const visit of everyPage(draftPath)) {
      await page.goto(visit.path);
      await settle(page);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const where = v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ');
        found.push(`${visit.name}: ${v.id} (${v.impact}) ${v.help}: ${where}`);
      }
    }
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the tag list with a selection and a pull panel open passes axe, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      colorScheme,
      viewport: { width: 1366, height: 900 },
      baseURL: test.info().project.use.baseURL,
    });
    const page = await context.newPage();
    await openShazamTags(page);
    await page.getByRole('checkbox', { name: 'Select amd64' }).click();
    await page.getByRole('button', { name: 'Pull: latest' }).click();
    await expect(page.getByRole('region', { name: 'Selected tags' })).toBeVisible();
    await settle(page);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const found = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes[0]?.target.join(' ') ?? ''}`);
    await context.close();
    expect(found, found.join('\n')).toEqual([]);
  });
}
