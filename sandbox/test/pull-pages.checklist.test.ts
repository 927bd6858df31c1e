import { describe, expect, it } from 'vitest';
import { section, str } from './vectors.js';
import { billBody, control, DAY, pull, PRV, startSandbox } from './helpers.js';
import { clickOn, onlyForm, submit } from './html-form.js';

// pull-rest-api-2.1.md §14 "Web form and checkout", driven by plain HTTP form posts.

type BillView = {
  bill: {
    status: string;
    billId: string;
    amount: string;
    user: string;
    comment: string;
    createdAt: string;
    expiresAt: string;
    paidWith: string | null;
  };
};

const wf6 = section('pull_webform_sign').find((v) => v.id === 'pull-wf-6');

describe('pull-rest-api-2.1.md §14 Web form and checkout', () => {
  it('GET|POST /order/external/create.action: unsigned mode prompts for phone and amount, then shows the checkout', async () => {
    const h = await startSandbox();
    const page = await fetch(
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&txn_id=wf-1&comm=%D0%97%D0%B0%D0%BA%D0%B0%D0%B7`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="f-to">QIWI Wallet phone number');
    expect(html).toContain('<label for="f-summ">Amount (RUB)');
    expect((await control(h, '/bills/wf-1')).status).toBe(404);
    const form = onlyForm(html);
    expect(form.method).toBe('post');
    // A bad phone number asks again and creates nothing.
    const retry = await submit(page.url, form, 'Continue to payment', { to: '12-34', summ: '10.50' });
    expect(retry.status).toBe(400);
    expect(await retry.text()).toContain('Wrong phone number');
    const checkout = await submit(page.url, form, 'Continue to payment', {
      to: '+79161234567',
      summ: '10.509',
    });
    expect(checkout.status).toBe(200);
    const checkoutHtml = await checkout.text();
    expect(checkoutHtml).toContain('Pay from QIWI Wallet balance');
    const bill = (await control<BillView>(h, '/bills/wf-1')).body.bill;
    expect(bill).toMatchObject({
      status: 'waiting',
      amount: '10.50',
      user: 'tel:+79161234567',
      comment: 'Заказ',
    });
    // 28-day default lifetime when none (or a malformed one) is given.
    expect(Date.parse(bill.expiresAt) - Date.parse(bill.createdAt)).toBe(28 * DAY);
    // POST with a form body works the same way.
    const posted = await fetch(`${h.url}/order/external/create.action`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `from=${PRV}&currency=643&summ=5&txn_id=wf-2&to=%2B79161234567&lifetime=bad`,
    });
    expect(posted.status).toBe(200);
    expect((await control<BillView>(h, '/bills/wf-2')).body.bill).toMatchObject({ amount: '5.00' });
  });

  it('create.action signed mode: recompute HMAC-SHA256 per §7.4, case-insensitive hex; bad signatures 403 and create nothing', async () => {
    if (!wf6) throw new Error('vector pull-wf-6 missing');
    // The vector's own URL, with its 2017 lifetime still in the future on the sandbox clock.
    const h = await startSandbox({ now: '2017-12-01T00:00:00Z' });
    const example = new URL(str(wf6, 'example_url'));
    const local = `${h.url}${example.pathname}${example.search}`;
    // The vector carries no `to`: the form asks for the phone (unsigned), keeping the signed fields.
    const ok = await fetch(local);
    expect(ok.status).toBe(200);
    const phoneForm = onlyForm(await ok.text());
    expect(phoneForm.fields).toMatchObject({
      sign: str(wf6, 'expected_sign_hex'),
      summ: '0.01',
      txn_id: 'A1',
    });
    const created = await submit(local, phoneForm, 'Continue to payment', { to: '+79161234567' });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain('Pay bill A1');
    const bill = (await control<BillView>(h, '/bills/A1')).body.bill;
    // lifetime 2017-12-31T2359 Moscow = 20:59 UTC.
    expect(bill).toMatchObject({ amount: '0.01', status: 'waiting', expiresAt: '2017-12-31T20:59:00.000Z' });
    const upper = new URL(local);
    upper.searchParams.set('sign', str(wf6, 'alt_sign_hex_uppercase'));
    upper.searchParams.set('to', '+79161234567');
    const again = await fetch(upper);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Pay bill A1');
    for (const [label, mutate] of [
      ['Base64 sign', (u: URL) => u.searchParams.set('sign', str(wf6, 'alt_sign_base64'))],
      ['changed amount', (u: URL) => u.searchParams.set('summ', '0.02')],
      ['unknown api_id', (u: URL) => u.searchParams.set('api_id', '1')],
      ['missing sign', (u: URL) => u.searchParams.delete('sign')],
    ] as const) {
      const u = new URL(local);
      mutate(u);
      const r = await fetch(u);
      expect([label, r.status]).toEqual([label, 403]);
      expect(await r.text()).toContain('no bill was created');
    }
    const bills = (await control<{ bills: unknown[] }>(h, '/bills')).body.bills;
    expect(bills).toHaveLength(1);
  });

  it('create.action: txn_id idempotency, 28-day default lifetime, 45-day cap', async () => {
    const h = await startSandbox();
    const url = (summ: string, extra = '') =>
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&summ=${summ}&txn_id=idem-wf&to=%2B79161234567${extra}`;
    expect((await fetch(url('10.00'))).status).toBe(200);
    expect((await fetch(url('10'))).status).toBe(200); // same amount once normalised: the existing bill
    const conflict = await fetch(url('11.00'));
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).toContain('already exists');
    // A lifetime beyond 45 days is capped at creation + 45 days.
    const far = new Date(Date.now() + 90 * DAY + 3 * 3_600_000).toISOString().slice(0, 16).replace(':', '');
    await fetch(
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&summ=1&txn_id=cap-wf&to=%2B79161234567&lifetime=${far}`,
    );
    const capped = (await control<BillView>(h, '/bills/cap-wf')).body.bill;
    expect(Date.parse(capped.expiresAt) - Date.parse(capped.createdAt)).toBe(45 * DAY);
  });

  it('Checkout at /form and /order/external/main.action: buttons simulate outcomes; redirect only for wallet-balance payments; order=<bill_id> appended correctly', async () => {
    const h = await startSandbox();
    for (const id of ['co-wallet', 'co-card', 'co-error', 'co-decline', 'co-leave'])
      await pull(h, id, 'PUT', billBody());
    const success = encodeURIComponent('https://shop.example/pay/ok?a=1#done');
    const fail = encodeURIComponent('https://shop.example/pay/fail');
    const checkout = (path: string, id: string) =>
      `${h.url}${path}?shop=${PRV}&transaction=${id}&successUrl=${success}&failUrl=${fail}&pay_source=qw&embedded=true`;

    const page = await fetch(checkout('/form', 'co-wallet'));
    const html = await page.text();
    const form = onlyForm(html);
    expect(form.buttons.map((b) => b.label)).toEqual([
      'Pay from QIWI Wallet balance',
      'Pay by card',
      'Simulate payment error',
      'Decline',
      'Leave without paying',
    ]);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|style=/);

    const wallet = await submit(page.url, form, 'Pay from QIWI Wallet balance');
    expect(wallet.status).toBe(302);
    expect(wallet.headers.get('location')).toBe('https://shop.example/pay/ok?a=1&order=co-wallet#done');
    expect((await control<BillView>(h, '/bills/co-wallet')).body.bill).toMatchObject({
      status: 'paid',
      paidWith: 'qw',
    });

    const card = await clickOn(checkout('/order/external/main.action', 'co-card'), 'Pay by card');
    expect(card.status).toBe(200);
    expect(card.headers.get('location')).toBeNull();
    expect(await card.text()).toContain('Paid by card');
    expect((await control<BillView>(h, '/bills/co-card')).body.bill).toMatchObject({
      status: 'paid',
      paidWith: 'card',
    });

    const error = await clickOn(checkout('/form', 'co-error'), 'Simulate payment error');
    expect(error.headers.get('location')).toBe('https://shop.example/pay/fail?order=co-error');
    expect((await control<BillView>(h, '/bills/co-error')).body.bill.status).toBe('unpaid');

    const decline = await clickOn(checkout('/order/external/main.action', 'co-decline'), 'Decline');
    expect(decline.headers.get('location')).toBe('https://shop.example/pay/fail?order=co-decline');
    expect((await control<BillView>(h, '/bills/co-decline')).body.bill.status).toBe('rejected');

    const leave = await clickOn(checkout('/form', 'co-leave'), 'Leave without paying');
    expect(leave.status).toBe(200);
    expect((await control<BillView>(h, '/bills/co-leave')).body.bill.status).toBe('waiting');

    // A paid bill shows no buttons; replaying its form changes nothing.
    const paidPage = await fetch(checkout('/form', 'co-wallet'));
    expect(await paidPage.text()).toContain('This bill is paid');
    expect((await submit(page.url, form, 'Decline')).status).toBe(409);
  });

  it('Checkout with the SDK URL shape (iframe=false&successUrl=&failUrl=&pay_source=): empty values are absent, so no redirect', async () => {
    const h = await startSandbox();
    await pull(h, 'sdk-co', 'PUT', billBody());
    const url = `${h.url}/order/external/main.action?shop=${PRV}&transaction=sdk-co&iframe=false&successUrl=&failUrl=&pay_source=`;
    const paid = await clickOn(url, 'Pay from QIWI Wallet balance');
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Payment received');
    // A return URL that already has "?" gets "&order=".
    await pull(h, 'sdk-co2', 'PUT', billBody());
    const r = await clickOn(
      `${h.url}/form?shop=${PRV}&transaction=sdk-co2&successUrl=${encodeURIComponent('http://127.0.0.1:1/ok?')}`,
      'Pay from QIWI Wallet balance',
    );
    expect(r.headers.get('location')).toBe('http://127.0.0.1:1/ok?order=sdk-co2');
    expect((await fetch(`${h.url}/form?shop=${PRV}&transaction=nope`)).status).toBe(404);
    expect((await fetch(`${h.url}/form`)).status).toBe(400);
  });
});
