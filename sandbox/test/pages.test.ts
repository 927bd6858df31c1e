import { describe, expect, it } from 'vitest';
import { STYLESHEET } from '../src/http/html.js';
import { pickLang } from '../src/http/pages/lang.js';
import { billBody, control, PRV, pull, startSandbox } from './helpers.js';
import { onlyForm, parseForms, submit } from './html-form.js';

// Hosted pages a shopper would believe: Russian and English, the merchant's name as the headline,
// amounts and deadlines for people, AA contrast, a way back to the shop after every outcome; and the
// bills page at the root with the CLI's actions as forms.

const NOW = '2026-12-01T09:00:00Z'; // 12:00 in Moscow
const checkoutUrl = (h: { url: string }, id: string, extra = '') =>
  `${h.url}/form?shop=${PRV}&transaction=${id}${extra}`;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('hosted checkout in two languages', () => {
  it('Russian from Accept-Language: words, "250,00 ₽", "1 декабря 2026, 15:30 МСК", the shop as headline', async () => {
    const h = await startSandbox({ now: NOW });
    await pull(h, 'ru-1', 'PUT', billBody({ lifetime: '2026-12-01T15:30:00' }));
    const page = await fetch(checkoutUrl(h, 'ru-1'), {
      headers: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8' },
    });
    const html = await page.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1>Demo Shop</h1>');
    const words = text(html).replace(/[\u00a0\u202f]/g, ' ');
    expect(words).toContain('Оплата счёта ru-1');
    expect(words).toContain('250,00 ₽');
    expect(words).toContain('1 декабря 2026, 15:30 МСК');
    expect(onlyForm(html).buttons.map((b) => b.label)).toEqual([
      'Оплатить с баланса QIWI Кошелька',
      'Оплатить картой',
      'Сымитировать ошибку оплаты',
      'Отказаться от оплаты',
      'Уйти без оплаты',
    ]);
    expect(html).toMatch(
      /<a href="\/form\?shop=21379721&amp;transaction=ru-1&amp;lang=en" lang="en" hreflang="en">English<\/a>/,
    );
  });

  it('English by default and with lang=en over a Russian browser; prv_name is the headline when given', async () => {
    const h = await startSandbox({ now: NOW });
    await pull(h, 'en-1', 'PUT', billBody({ lifetime: '2026-12-01T15:30:00', prv_name: 'Книжная лавка' }));
    const html = await (
      await fetch(checkoutUrl(h, 'en-1', '&lang=en'), { headers: { 'Accept-Language': 'ru' } })
    ).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Книжная лавка</h1>');
    expect(text(html)).toContain('₽250.00');
    expect(text(html)).toContain('1 December 2026, 15:30 MSK');
    expect(onlyForm(html).fields.lang).toBe('en');
  });

  it('the outcome page keeps the language of the checkout', async () => {
    const h = await startSandbox();
    await pull(h, 'ru-2', 'PUT', billBody());
    const url = checkoutUrl(h, 'ru-2', '&lang=ru');
    const form = onlyForm(await (await fetch(url)).text());
    const done = await submit(url, form, 'Оплатить картой');
    expect(text(await done.text())).toContain('Оплата получена');
  });
});

describe('choosing the language', () => {
  it('lang= wins, then Accept-Language by q, then English', () => {
    expect(pickLang({ lang: 'ru' }, 'en')).toBe('ru');
    expect(pickLang({ lang: 'de' }, 'de-DE,ru;q=0.5,en;q=0.4')).toBe('ru');
    expect(pickLang({}, 'en;q=0.3, ru-RU;q=0.8')).toBe('ru');
    expect(pickLang({}, 'ru;q=0, en')).toBe('en');
    expect(pickLang({}, 'fr')).toBe('en');
    expect(pickLang({}, undefined)).toBe('en');
  });

  it('error pages answer in Russian too, with the same status', async () => {
    const h = await startSandbox();
    const page = await fetch(
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&summ=1.00&txn_id=a%20b`,
      { headers: { 'Accept-Language': 'ru' } },
    );
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Неверный txn_id');
    const missing = await fetch(`${h.url}/form?shop=${PRV}&transaction=nope&lang=ru`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Счёт не найден');
  });
});

describe('a way back to the shop after every outcome (pull §8.3 redirects only wallet payments)', () => {
  const ok = 'https://shop.example/ok?a=1';
  const fail = 'https://shop.example/fail';
  const withUrls = `&successUrl=${encodeURIComponent(ok)}&failUrl=${encodeURIComponent(fail)}`;

  it('card payment: no redirect, a link to successUrl with order=', async () => {
    const h = await startSandbox();
    await pull(h, 'back-card', 'PUT', billBody());
    const url = checkoutUrl(h, 'back-card', withUrls);
    const done = await submit(url, onlyForm(await (await fetch(url)).text()), 'Pay by card');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(
      '<a class="back" href="https://shop.example/ok?a=1&amp;order=back-card">Return to the shop</a>',
    );
  });

  it('leave without paying: a link to failUrl; decline and error still redirect there', async () => {
    const h = await startSandbox();
    for (const id of ['back-leave', 'back-dec', 'back-err']) await pull(h, id, 'PUT', billBody());
    const page = async (id: string, label: string) => {
      const url = checkoutUrl(h, id, withUrls);
      return submit(url, onlyForm(await (await fetch(url)).text()), label);
    };
    expect(await (await page('back-leave', 'Leave without paying')).text()).toContain(
      'href="https://shop.example/fail?order=back-leave">Return to the shop</a>',
    );
    expect((await page('back-dec', 'Decline')).headers.get('location')).toBe(`${fail}?order=back-dec`);
    expect((await page('back-err', 'Simulate payment error')).headers.get('location')).toBe(
      `${fail}?order=back-err`,
    );
  });
});

describe('contrast (WCAG 2.1 AA, 4.5:1 for text)', () => {
  const luminance = (hex: string): number => {
    const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(full.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const rule = (selector: string) =>
    new RegExp(`(?:^|})${selector.replace('.', '\\.')}\\{([^}]*)\\}`, 'm').exec(STYLESHEET)?.[1] ?? '';
  const prop = (css: string, name: string) =>
    new RegExp(`(?:^|;)${name}:(#[0-9a-f]{3,6})`).exec(css)?.[1] ?? '';

  it('the primary button, the brand line and notes reach 4.5:1', () => {
    const primary = rule('button.primary');
    expect(ratio(prop(primary, 'color'), prop(primary, 'background'))).toBeGreaterThanOrEqual(4.5);
    expect(ratio(prop(rule('.brand'), 'color'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(ratio(prop(rule('.brand'), 'color'), '#f4f5f7')).toBeGreaterThanOrEqual(4.5);
    expect(ratio('#555555', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the bills page at /', () => {
  it('lists bills with status and deliveries, and its forms trigger, advance and reset', async () => {
    const h = await startSandbox();
    await pull(h, 'bp-1', 'PUT', billBody());
    const page = await fetch(`${h.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/<script|style=/);
    expect(html).toContain('bp-1');
    const trigger = parseForms(html).find((f) => f.action.includes('/trigger'));
    expect(trigger).toBeDefined();
    const done = await submit(`${h.url}/`, trigger!, 'Apply', { status: 'paid' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^\/\?notice=/);
    expect((await pull(h, 'bp-1', 'GET')).json.response.bill?.status).toBe('paid');
    const after = await (await fetch(`${h.url}${done.headers.get('location')}`)).text();
    expect(after).toContain('Bill bp-1 is paid.');
    const advance = parseForms(after).find((f) => f.action.endsWith('/advance'))!;
    const before = Date.parse((await control<{ now: string }>(h, '/clock')).body.now);
    await submit(`${h.url}/`, advance, 'Advance the clock', { duration: '2h' });
    expect(
      Date.parse((await control<{ now: string }>(h, '/clock')).body.now) - before,
    ).toBeGreaterThanOrEqual(7_200_000);
    await submit(
      `${h.url}/`,
      parseForms(after).find((f) => f.action.endsWith('/reset'))!,
      'Reset the sandbox',
    );
    expect((await control<{ bills: unknown[] }>(h, '/bills')).body.bills).toHaveLength(0);
  });

  it('adds a merchant account from a form and shows its secrets once, on that answer only', async () => {
    const h = await startSandbox();
    const home = await (await fetch(`${h.url}/`)).text();
    const add = parseForms(home).find((f) => f.action.endsWith('/merchants'))!;
    const made = await submit(`${h.url}/`, add, 'Add merchant account', {
      protocol: 'bill',
      notifyUrl: 'http://127.0.0.1:4999/notify',
      projectName: 'Kiosk',
    });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const shown = await made.text();
    const secret = /QIWI_API_SECRET=(\S+)/.exec(shown)?.[1];
    expect(secret).toBeDefined();
    const after = await (await fetch(`${h.url}/`)).text();
    expect(after).toContain('Kiosk');
    expect(after).toContain('http://127.0.0.1:4999/notify');
    expect(after).not.toContain(secret!);
  });

  it('a form posted from another site changes nothing; with a control token the page asks for it', async () => {
    const h = await startSandbox();
    await pull(h, 'bp-2', 'PUT', billBody());
    const forged = await fetch(
      `${h.url}/__sandbox/ui/bills/${encodeURIComponent(`pull:${PRV}:bp-2`)}/trigger`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
        body: 'status=paid',
        redirect: 'manual',
      },
    );
    expect(forged.status).toBe(403);
    expect((await pull(h, 'bp-2', 'GET')).json.response.bill?.status).toBe('waiting');

    const token = 'bills-page-token-0123456789';
    const guarded = await startSandbox({ controlToken: token });
    const closed = await fetch(`${guarded.url}/`);
    expect(closed.status).toBe(401);
    expect(closed.headers.get('www-authenticate')).toMatch(/^Basic realm="QIWI sandbox"/);
    const open = await fetch(`${guarded.url}/`, {
      headers: { Authorization: `Basic ${Buffer.from(`any:${token}`).toString('base64')}` },
    });
    expect(open.status).toBe(200);
    // The Bill pay_url page at /?uid=… stays public.
    expect((await fetch(`${guarded.url}/?uid=unknown`)).status).toBe(404);
  });
});
