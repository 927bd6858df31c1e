// The sandbox's hosted pages as a shopper meets them, in Russian and in English, and the bills page at
// the sandbox's root: axe finds no violations on any of them, each answers in the language asked for,
// and every outcome that does not redirect offers the way back to the shop.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { URLS } from '../support/ports.js';

const PRV = '21379721';
const PUBLIC_KEY = 'UMYxY7qyMExWo7Q5UzaqCbK';
const SHOP_OK = `${URLS.shop}/thanks`;
const run = Date.now().toString(36);

async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** A checkout reached through the unsigned web form (pull §7), in one language. */
async function openCheckout(page: Page, lang: 'ru' | 'en', id: string): Promise<void> {
  const query = new URLSearchParams({
    from: PRV,
    currency: 'RUB',
    summ: '250.00',
    to: '+79161234567',
    txn_id: id,
    comm: 'Mug and stickers',
    successUrl: SHOP_OK,
    failUrl: SHOP_OK,
    lang,
  });
  await page.goto(`${URLS.sandbox}/order/external/create.action?${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Shop' })).toBeVisible();
}

const WORDS = {
  en: { card: 'Pay by card', leave: 'Leave without paying', back: 'Return to the shop', amount: /₽250\.00/ },
  ru: {
    card: 'Оплатить картой',
    leave: 'Уйти без оплаты',
    back: 'Вернуться в магазин',
    amount: /250,00\s₽/,
  },
} as const;

for (const lang of ['en', 'ru'] as const) {
  test(`${lang}: the web-form and pay-form prompts pass axe`, async ({ page }) => {
    await page.goto(
      `${URLS.sandbox}/order/external/create.action?from=${PRV}&currency=RUB&summ=10.00&lang=${lang}`,
    );
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('textbox').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.goto(`${URLS.sandbox}/form/create?public_key=${PUBLIC_KEY}&amount=10.00&lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(await violations(page)).toEqual([]);
  });

  test(`${lang}: the checkout and the card outcome pass axe and lead back to the shop`, async ({ page }) => {
    await openCheckout(page, lang, `axe${lang}card${run}`);
    await expect(page.getByText(WORDS[lang].amount)).toBeVisible();
    await expect(page.getByText(/(МСК|MSK)$/)).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.getByRole('button', { name: WORDS[lang].card }).click();
    const back = page.getByRole('link', { name: WORDS[lang].back });
    await expect(back).toHaveAttribute('href', `${SHOP_OK}?order=axe${lang}card${run}`);
    expect(await violations(page)).toEqual([]);
  });

  test(`${lang}: leaving without paying passes axe and leads back to the shop`, async ({ page }) => {
    await openCheckout(page, lang, `axe${lang}leave${run}`);
    await page.getByRole('button', { name: WORDS[lang].leave }).click();
    await expect(page.getByRole('link', { name: WORDS[lang].back })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('the language link switches the checkout between English and Russian', async ({ page }) => {
  await openCheckout(page, 'en', `axeswitch${run}`);
  await page.getByRole('link', { name: 'Русский' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('button', { name: 'Оплатить с баланса QIWI Кошелька' })).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Pay from QIWI Wallet balance' })).toBeVisible();
});

for (const lang of ['en', 'ru'] as const) {
  test(`${lang}: an error page passes axe`, async ({ page }) => {
    await page.goto(
      `${URLS.sandbox}/order/external/create.action?from=${PRV}&currency=RUB&summ=1.00&txn_id=a%20b&lang=${lang}`,
    );
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('alert')).toContainText('txn_id');
    expect(await violations(page)).toEqual([]);
  });
}

test('the bills page at the root lists bills, passes axe, and its forms act like the CLI', async ({
  page,
  sandbox,
}) => {
  const id = `axebills${run}`;
  await openCheckout(page, 'en', id);
  await page.goto(`${URLS.sandbox}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bills' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: id });
  await expect(row).toContainText('waiting');
  expect(await violations(page)).toEqual([]);

  await row.getByLabel(`Set ${id} to`).selectOption('paid');
  await row.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toHaveText(`Bill ${id} is paid.`);
  const bill = await sandbox.call(`/bills/${id}`);
  expect(bill.bill.status).toBe('paid');
});
