import type { Page } from '@playwright/test';

/**
 * Returns what is wrong with the page's horizontal layout at `width`, in words (empty when
 * nothing is):
 * - the document is wider than the viewport (the page scrolls sideways);
 * - a table cell's content spills out of its cell (a clipped column), unless it is cut on purpose
 *   with an ellipsis;
 * - a box clips its content (overflow hidden or clip, content wider than the box);
 * - a box scrolls sideways when it is not meant to: at desktop width nothing does, on a phone only
 *   the wrappers of tables and code blocks may (`data-scroll-x` marks another deliberate one).
 */
export async function layoutProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((viewport) => {
    const problems: string[] = [];
    const describe = (el: Element): string => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}> “${text}”`;
    };
    const doc = document.documentElement.scrollWidth;
    if (doc > viewport) problems.push(`the document is ${doc}px wide on a ${viewport}px screen`);
    const phone = viewport < 640;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!(el instanceof HTMLElement) || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      const over = el.scrollWidth - el.clientWidth;
      if (over <= 1 || el.clientWidth <= 1) continue;
      if (style.textOverflow === 'ellipsis') continue;
      // Visually hidden on purpose (sr-only): nothing of it is shown, so nothing is clipped.
      if (style.clipPath === 'inset(50%)' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
      const tag = el.tagName;
      if (tag === 'TD' || tag === 'TH') {
        problems.push(`a table cell is clipped by ${over}px: ${describe(el)}`);
      } else if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
        problems.push(`a box clips ${over}px of its content: ${describe(el)}`);
      } else if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
        const meant =
          el.hasAttribute('data-scroll-x') ||
          tag === 'PRE' ||
          el.closest('pre') !== null ||
          (phone && el.querySelector(':scope > table, :scope > div > table') !== null);
        if (!meant) problems.push(`a box scrolls sideways by ${over}px: ${describe(el)}`);
      }
    }
    return problems;
  }, width);
}
