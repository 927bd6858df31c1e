// Content-Security-Policy violations as the page itself reports them (`securitypolicyviolation`),
// watched from the first byte of every document the page loads.
import type { Page } from '@playwright/test';

type Watched = Window & { cspViolations?: string[] };

/** Starts watching; the returned function gives the violated directives of the current document. */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as Watched).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  });
  return () => page.evaluate(() => (window as Watched).cspViolations ?? []);
}
