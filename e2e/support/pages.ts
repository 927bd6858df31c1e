// Page objects: what a shopper sees and does, located by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo shop (a merchant's page) with the widget on it. */
export class ShopPage {
  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {}

  async openCart(cart: string): Promise<void> {
    await this.page.goto(`${this.origin}/cart?cart=${cart}`);
  }

  async openThanks(orderId: string): Promise<void> {
    await this.page.goto(`${this.origin}/thanks?order=${orderId}`);
  }

  get payButton(): Locator {
    return this.page.getByRole('button', { name: 'Pay with QIWI' });
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  get retryButton(): Locator {
    return this.page.getByRole('button', { name: /Payment did not start/ });
  }

  /** "Try again" after a failed order: a new order from the shop's order endpoint. */
  get tryAgainButton(): Locator {
    return this.page.getByRole('button', { name: /^Payment (declined|error|expired|failed)\. Try again$/ });
  }

  /** Changes the button's attributes as merchant code would, and mounts it again. */
  async remount(attributes: Record<string, string>): Promise<void> {
    // After QIWI sent the shopper back, the shop's page (and its script) must be there first.
    await this.page.waitForURL((url) => url.origin === this.origin);
    await this.page.waitForFunction(() => 'QiwiPay' in window);
    await this.page.evaluate((attrs) => {
      const el = document.querySelector('[data-qiwi-pay]') as HTMLElement;
      Object.assign(el.dataset, attrs);
      (window as unknown as { QiwiPay: { mount(e: Element): void } }).QiwiPay.mount(el);
    }, attributes);
  }

  async expectPaid(): Promise<void> {
    await expect(this.status).toHaveText('Paid');
  }

  /** Failed, saying why (declined, payment error, expired) and, where a new order can be made, "Try again". */
  async expectFailed(
    text: string | RegExp = /^Payment (declined|error|expired|failed)(\. Try again)?$/,
  ): Promise<void> {
    await expect(this.status).toHaveText(text);
  }
}

/** QIWI's hosted checkout (the sandbox, reached under oplata.qiwi.com / bill.qiwi.com). */
export class QiwiCheckoutPage {
  constructor(readonly page: Page) {}

  /** Waits for QIWI's page and returns the bill id it shows. */
  async arrive(
    url: RegExp = /^https:\/\/oplata\.qiwi\.com\/form\?shop=21379721&transaction=demo-/,
  ): Promise<string> {
    await expect(this.page).toHaveURL(url);
    const params = new URL(this.page.url()).searchParams;
    return (params.get('transaction') ?? params.get('txn_id')) as string;
  }

  payFromWallet(): Promise<void> {
    return this.page.getByRole('button', { name: 'Pay from QIWI Wallet balance' }).click();
  }

  payByCard(): Promise<void> {
    return this.page.getByRole('button', { name: 'Pay by card' }).click();
  }

  simulateError(): Promise<void> {
    return this.page.getByRole('button', { name: 'Simulate payment error' }).click();
  }

  decline(): Promise<void> {
    return this.page.getByRole('button', { name: 'Decline' }).click();
  }
}
