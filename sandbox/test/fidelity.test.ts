import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { billApi, billBody, control, DAY, pull, PRV, startSandbox } from './helpers.js';
import { clickOn } from './html-form.js';

// Fidelity beyond the checklists: every answer is well-formed XML (pull §4.4), lengths count characters,
// origin fields appear from the first payment attempt (§6.1, A17), the web form's txn_id alphabet (§7.3)
// and deadlines in the past are refused as REST refuses them (§5.1 row 16, A10).

const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const asXml = { Accept: 'text/xml' };
const EMOJI = '\u{1F600}';

function formLifetime(msFromNow: number): string {
  return new Date(Date.now() + msFromNow + 3 * 3_600_000).toISOString().slice(0, 16).replace(':', '');
}

describe('well-formed XML for every input (pull §4.4)', () => {
  it('refuses a comment with a control character (341) and the XML answer stays well-formed', async () => {
    const h = await startSandbox();
    for (const bad of ['a\u0001b', 'nul\u0000', 'x\uFFFE', 'esc\u001b[0m']) {
      const created = await pull(h, 'ctl-1', 'PUT', billBody({ comment: bad }), asXml);
      expect(created.text).toContain('<result_code>341</result_code>');
      expect(XML_FORBIDDEN.test(created.text)).toBe(false);
      expect(XMLValidator.validate(created.text)).toBe(true);
    }
    expect((await pull(h, 'ctl-1', 'GET')).json.response.result_code).toBe(210);
  });

  it('escapes markup characters: a comment with & < > " \' comes back intact in XML', async () => {
    const h = await startSandbox();
    const comment = `Tom & Jerry <b>"quoted"</b> 'single' \t tab`;
    const created = await pull(h, 'esc-1', 'PUT', billBody({ comment }), asXml);
    expect(XMLValidator.validate(created.text)).toBe(true);
    const parsed = new XMLParser({ trimValues: false }).parse(created.text) as {
      response: { result_code: number; bill: { comment: string } };
    };
    expect(parsed.response.result_code).toBe(0);
    expect(parsed.response.bill.comment).toBe(comment);
  });

  it('refuses a bill_id with a control character (5) and a prv_name with one (5)', async () => {
    const h = await startSandbox();
    expect((await pull(h, 'id\u0007bell', 'PUT', billBody(), asXml)).text).toContain(
      '<result_code>5</result_code>',
    );
    expect(
      (await pull(h, 'prv-ctl', 'PUT', billBody({ prv_name: 'Shop\u0002' }))).json.response.result_code,
    ).toBe(5);
  });

  it('profile B: extras that cannot be XML (bad name or control character) are refused with 5', async () => {
    const h = await startSandbox({
      config: { bill: [{ prvId: '2042', apiId: '56603972', apiSecret: 's3cr3tApiKey', profile: 'B' }] },
    });
    const body = (extra: Record<string, string>) =>
      billBody({ user: undefined, phone: '+79161234567', ...extra });
    expect((await billApi(h, 'bx-1', 'PUT', body({ 'extras_a b': '1' }), asXml)).text).toContain('CORE__5');
    expect((await billApi(h, 'bx-2', 'PUT', body({ extras_order: 'x\u0003' }), asXml)).text).toContain(
      'CORE__5',
    );
    const ok = await billApi(h, 'bx-3', 'PUT', body({ extras_order: '<42>' }), asXml);
    expect(XMLValidator.validate(ok.text)).toBe(true);
    expect(ok.text).toContain('<order>&lt;42&gt;</order>');
  });
});

describe('length limits count characters, not UTF-16 units', () => {
  it('a comment of 255 emoji is accepted, 256 are refused (341); prv_name of 100 emoji is accepted', async () => {
    const h = await startSandbox();
    const fits = await pull(
      h,
      'emoji-255',
      'PUT',
      billBody({ comment: EMOJI.repeat(255), prv_name: EMOJI.repeat(100) }),
    );
    expect(fits.json.response.result_code).toBe(0);
    expect(fits.json.response.bill?.comment).toBe(EMOJI.repeat(255));
    expect(
      (await pull(h, 'emoji-256', 'PUT', billBody({ comment: EMOJI.repeat(256) }))).json.response.result_code,
    ).toBe(341);
    expect(
      (await pull(h, 'emoji-prv', 'PUT', billBody({ prv_name: EMOJI.repeat(101) }))).json.response
        .result_code,
    ).toBe(5);
  });

  it('a bill_id of 200 emoji is accepted, 201 are refused (5)', async () => {
    const h = await startSandbox();
    expect((await pull(h, EMOJI.repeat(200), 'PUT', billBody())).json.response.result_code).toBe(0);
    expect((await pull(h, EMOJI.repeat(201), 'PUT', billBody())).json.response.result_code).toBe(5);
  });
});

describe('originAmount/originCcy from the first payment attempt (pull §6.1, A17)', () => {
  it('a payment error on the checkout is a started payment: the bill shows the origin fields', async () => {
    const h = await startSandbox();
    await pull(h, 'origin-err', 'PUT', billBody());
    const waiting = await pull(h, 'origin-err', 'GET');
    expect(waiting.json.response.bill).not.toHaveProperty('originAmount');
    await clickOn(`${h.url}/form?shop=${PRV}&transaction=origin-err`, 'Simulate payment error');
    const bill = (await pull(h, 'origin-err', 'GET')).json.response.bill;
    expect(bill).toMatchObject({ status: 'unpaid', originAmount: '250.00', originCcy: 'RUB' });
  });

  it('a declined bill (no payment attempt) has no origin fields', async () => {
    const h = await startSandbox();
    await pull(h, 'origin-dec', 'PUT', billBody());
    await clickOn(`${h.url}/form?shop=${PRV}&transaction=origin-dec`, 'Decline');
    const bill = (await pull(h, 'origin-dec', 'GET')).json.response.bill;
    expect(bill?.status).toBe('rejected');
    expect(bill).not.toHaveProperty('originAmount');
  });
});

describe('web form and pay form refuse what REST refuses', () => {
  const webForm = (h: { url: string }, query: string) =>
    fetch(
      `${h.url}/order/external/create.action?from=${PRV}&currency=RUB&summ=10.00&to=%2B79161234567&${query}`,
    );

  it('txn_id with spaces, "&" or Cyrillic is refused (§7.3) and creates nothing', async () => {
    const h = await startSandbox();
    for (const txn of ['order 1', 'a&b', 'заказ1', 'x'.repeat(31)]) {
      const page = await webForm(h, `txn_id=${encodeURIComponent(txn)}`);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('txn_id must be 1 to 30 characters');
    }
    expect((await control<{ bills: unknown[] }>(h, '/bills')).body.bills).toHaveLength(0);
    expect((await webForm(h, 'txn_id=Order_1-b')).status).toBe(200);
  });

  it('a past web-form lifetime is refused with 341 and no bill is born expired or notified', async () => {
    const h = await startSandbox();
    const page = await webForm(h, `txn_id=past1&lifetime=${formLifetime(-60_000)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Required parameter is missing or incorrect');
    expect((await control<{ bills: unknown[] }>(h, '/bills')).body.bills).toHaveLength(0);
    expect((await control<{ deliveries: unknown[] }>(h, '/deliveries')).body.deliveries).toHaveLength(0);
    expect((await webForm(h, `txn_id=future1&lifetime=${formLifetime(DAY)}`)).status).toBe(200);
  });

  it('a web-form comment with a control character is refused (341)', async () => {
    const h = await startSandbox();
    const page = await webForm(h, `txn_id=cm1&comm=${encodeURIComponent('hi\u0001')}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('comm must be at most 255 characters');
  });

  it('the pay form refuses a past lifetime, a control character in the comment and a 31-character bill_id', async () => {
    const h = await startSandbox();
    const key = 'UMYxY7qyMExWo7Q5UzaqCbK';
    const payForm = (query: string) =>
      fetch(`${h.url}/form/create?public_key=${key}&amount=10.00&phone=%2B79161234567&${query}`);
    expect((await payForm(`bill_id=p1&lifetime=${formLifetime(-60_000)}`)).status).toBe(400);
    expect((await payForm(`bill_id=p2&comment=${encodeURIComponent('x\u0002')}`)).status).toBe(400);
    expect((await payForm(`bill_id=${EMOJI.repeat(31)}`)).status).toBe(400);
    expect((await control<{ bills: unknown[] }>(h, '/bills')).body.bills).toHaveLength(0);
    expect((await payForm(`bill_id=${EMOJI.repeat(30)}`)).status).toBe(200);
  });
});
