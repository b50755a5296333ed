import { expect, test as base } from '@playwright/test';

/**
 * Every spec's `test`: the same as Playwright's, but a test fails when a page of Manifold breaks
 * its Content-Security-Policy (a script without the request's nonce, a frame, an inline handler).
 * Pages of other origins (the test identity provider) are not Manifold's and are not judged.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      const idp = `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? 5190}/`;
      page.on('console', (msg) => {
        const url = msg.location().url;
        if (/Content[- ]Security[- ]Policy/i.test(msg.text()) && !url.startsWith(idp))
          violations.push(`${url}: ${msg.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(
            `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`,
          );
        });
      });
      await use();
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { APIRequestContext, Page, Locator, BrowserContext } from '@playwright/test';
