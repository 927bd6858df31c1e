// The merchant's dashboard (served by the Pull server under /dashboard/), located by role and label
// as a support person would find things on it.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { ADMIN_TOKEN, URLS } from './ports.js';

export class DashboardPage {
  readonly url = `${URLS.server}/dashboard/`;

  constructor(readonly page: Page) {}

  async open(hash = ''): Promise<void> {
    await this.page.goto(this.url + hash);
  }

  async signIn(name: string, token = ADMIN_TOKEN): Promise<void> {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Admin token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByText(`Signed in as ${name}`)).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async findOrder(orderId: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Orders', exact: true }).click();
    await this.page.getByRole('searchbox', { name: 'Find order by id' }).fill(orderId);
    await this.page.getByRole('button', { name: 'Find' }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: new RegExp(`^Order ${orderId}`) }),
    ).toBeVisible();
  }

  /** The timeline's entries (not the detail lines listed inside each). */
  get timeline(): Locator {
    return this.page.getByRole('region', { name: 'Timeline' }).locator('ol > li');
  }

  /** Confirms the open confirmation dialog after checking its question. */
  async confirm(question: string | RegExp): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: question });
    await expect(dialog).toBeVisible();
    await this.expectAxeClean();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
  }

  async refund(amount: string): Promise<void> {
    await this.page.getByLabel(/^Amount to refund/).fill(amount);
    await this.page.getByRole('button', { name: 'Refund', exact: true }).click();
  }

  /** Presses Tab until `target` has the focus (at most 40 times), as a keyboard user would. */
  async tabTo(target: Locator): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  /** No serious or critical axe violation, colour contrast included. */
  async expectAxeClean(): Promise<void> {
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);
  }
}
