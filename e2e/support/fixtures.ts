// Fixtures: page objects for the shop and QIWI, the server's ledger through its admin API, and the
// sandbox's control API for arranging what QIWI does.
import { test as base } from '@playwright/test';
import { QiwiCheckoutPage, ShopPage } from './pages.js';
import { ADMIN_TOKEN, URLS } from './ports.js';

// Admin and control answers are read field by field; the assertions are the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface Ledger {
  order(orderId: string): Promise<Json | undefined>;
  call(path: string, init?: RequestInit): Promise<Json>;
}

export interface SandboxControl {
  call(path: string, body?: unknown): Promise<Json>;
  bills(): Promise<Array<{ billId: string }>>;
}

function ledgerAt(server: string): Ledger {
  const call = async (path: string, init: RequestInit = {}) =>
    (
      await fetch(`${server}/v1/admin${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      })
    ).json() as Promise<Json>;
  return {
    call,
    async order(orderId) {
      const response = await fetch(`${server}/v1/admin/orders/${orderId}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      return response.status === 404 ? undefined : ((await response.json()) as Json);
    },
  };
}

const sandboxControl: SandboxControl = {
  async call(path, body) {
    const response = await fetch(`${URLS.sandbox}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Json;
  },
  async bills() {
    return (await this.call('/bills')).bills as Array<{ billId: string }>;
  },
};

export const test = base.extend<{
  shop: ShopPage;
  billShop: ShopPage;
  qiwi: QiwiCheckoutPage;
  ledger: Ledger;
  billLedger: Ledger;
  sandbox: SandboxControl;
}>({
  shop: async ({ page }, use) => use(new ShopPage(page, URLS.shop)),
  billShop: async ({ page }, use) => use(new ShopPage(page, URLS.billShop)),
  qiwi: async ({ page }, use) => use(new QiwiCheckoutPage(page)),
  // Playwright reads fixture dependencies from the destructuring pattern: these need none.
  // eslint-disable-next-line no-empty-pattern
  ledger: async ({}, use) => use(ledgerAt(URLS.server)),
  // eslint-disable-next-line no-empty-pattern
  billLedger: async ({}, use) => use(ledgerAt(URLS.billServer)),
  // eslint-disable-next-line no-empty-pattern
  sandbox: async ({}, use) => use(sandboxControl),
});

export { expect } from '@playwright/test';
