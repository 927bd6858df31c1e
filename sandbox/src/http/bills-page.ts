import type { Request, Response } from 'express';
import { formatMoscow } from '../core/moscow-time.js';
import type { SandboxContext } from '../context.js';
import { TRIGGER_STATUSES } from '../domain/control-operations.js';
import { FAULT_KINDS } from '../domain/fault-kinds.js';
import type { BillRecord, Delivery } from '../domain/state.js';
import { callerOf, checkControlAccess, type ControlAccess } from './control-guard.js';
import { markup, sendMessage, sendPage, type Html } from './html.js';
import { formatMoney } from './pages/people-format.js';
import { queryParams } from './form-body.js';

// The bills page at the sandbox's root (its forms are handled in bills-page-actions.ts): every bill with its status and notification deliveries, and the
// CLI's actions (trigger, resend, deliver now, advance the clock, faults, reset) as plain HTML forms —
// no scripts, the same strict CSP as the hosted pages. Guarded like the control API (control-guard.ts).
// Not part of either QIWI spec.

const UI = '/__sandbox/ui';

function action(path: string, label: string, fields: Html | string = '', cls = 'inline'): Html {
  return markup`<form method="post" action="${UI}${path}" class="${cls}">${fields}<button type="submit">${label}</button></form>`;
}

function deliveryLine(d: Delivery): Html {
  const last = d.attempts[d.attempts.length - 1];
  return markup`<li>
    ${d.id}: ${d.state}, ${d.attempts.length} attempt${d.attempts.length === 1 ? '' : 's'}${
      last ? `, last ${last.outcome} (${last.reason}) at ${formatMoscow(Date.parse(last.at))} MSK` : ''
    }${d.nextAttemptAt ? `, next at ${formatMoscow(Date.parse(d.nextAttemptAt))} MSK` : ''}
    ${d.url ? action(`/deliveries/${encodeURIComponent(d.id)}/resend`, `Resend ${d.id}`) : ''}
  </li>`;
}

function billRow(ctx: SandboxContext, bill: BillRecord): Html {
  const deliveries = ctx.state.deliveries.filter((d) => d.billKey === bill.key);
  const id = `t-${bill.uid}`;
  const options = TRIGGER_STATUSES.map((s) => markup`<option value="${s}">${s}</option>`);
  const trigger = action(
    `/bills/${encodeURIComponent(bill.key)}/trigger`,
    'Apply',
    markup`<label for="${id}">Set ${bill.billId} to</label>
      <select id="${id}" name="status">${options}</select>
      <label><input type="checkbox" name="force" value="true"> force</label>`,
  );
  return markup`<tr>
    <td><a href="${bill.protocol === 'pull' ? '/form' : '/order/form'}?shop=${bill.prvId}&amp;transaction=${encodeURIComponent(bill.billId)}">${bill.billId}</a><br><span class="note">${bill.protocol} ${bill.prvId}</span></td>
    <td>${formatMoney(bill.amountMinor, bill.ccy, 'en')}</td>
    <td>${bill.status}${bill.paymentStarted && bill.status === 'waiting' ? ' (being paid)' : ''}</td>
    <td>${formatMoscow(bill.createdAt)}<br>${formatMoscow(bill.expiresAt)}</td>
    <td>${deliveries.length ? markup`<ul>${deliveries.map(deliveryLine)}</ul>` : '—'}</td>
    <td>${trigger}</td>
  </tr>`;
}

function merchantSection(ctx: SandboxContext): Html {
  const rows = [...ctx.config.pull, ...ctx.config.bill].map(
    (m) =>
      markup`<li>${m.protocol} ${m.prvId} “${m.projectName ?? `Merchant ${m.prvId}`}” → ${
        m.notification.url ?? 'no notification URL'
      }</li>`,
  );
  return markup`<h2>Merchant accounts</h2>
    <ul>${rows}</ul>
    ${action(
      '/merchants',
      'Add merchant account',
      markup`<label for="m-protocol">Protocol</label>
        <select id="m-protocol" name="protocol"><option value="pull">pull</option><option value="bill">bill</option></select>
        <label for="m-url">Notification URL</label><input id="m-url" name="notifyUrl" type="url" size="30">
        <label for="m-name">Name</label><input id="m-name" name="projectName" size="14">`,
    )}`;
}

function faultSection(ctx: SandboxContext): Html {
  const kinds = (['rest', 'notification'] as const).flatMap((target) =>
    Object.keys(FAULT_KINDS[target]).map(
      (kind) => markup`<option value="${target}:${kind}">${target}: ${kind}</option>`,
    ),
  );
  const rules = ctx.state.faults.map(
    (f) =>
      markup`<li>${f.id}: ${f.target} ${f.kind}${f.match ? ` matching "${f.match}"` : ''}${
        f.remaining === undefined ? ', until deleted' : `, ${f.remaining} more`
      } ${action(`/faults/${encodeURIComponent(f.id)}/delete`, `Delete ${f.id}`)}</li>`,
  );
  return markup`<h2>Faults</h2>
    ${rules.length ? markup`<ul>${rules}</ul>` : markup`<p>No fault rules.</p>`}
    ${action(
      '/faults',
      'Add fault',
      markup`<label for="f-kind">Kind</label><select id="f-kind" name="kind">${kinds}</select>
        <label for="f-code">Code</label><input id="f-code" name="code" inputmode="numeric" size="5">
        <label for="f-times">Times</label><input id="f-times" name="times" inputmode="numeric" size="3">
        <label for="f-match">Match</label><input id="f-match" name="match" size="12">
        <label for="f-delay">Delay ms</label><input id="f-delay" name="delayMs" inputmode="numeric" size="6">`,
    )}
    ${ctx.state.faults.length ? action('/faults/clear', 'Clear all faults') : ''}`;
}

export function billsPage(ctx: SandboxContext, access: ControlAccess): (req: Request, res: Response) => void {
  return (req: Request, res: Response): void => {
    const refusal = checkControlAccess(callerOf(req), access);
    if (refusal) {
      return sendMessage(res, refusal.status, 'Bills page closed', refusal.message, undefined, {
        headers:
          refusal.status === 401 ? { 'WWW-Authenticate': 'Basic realm="QIWI sandbox", charset="UTF-8"' } : {},
      });
    }
    const notice = queryParams(req).notice;
    const bills = ctx.ledger.all().sort((a, b) => b.createdAt - a.createdAt);
    sendPage(
      res,
      200,
      'Bills — QIWI sandbox',
      markup`<h1>Bills</h1>
        ${notice ? markup`<p role="status">${notice}</p>` : ''}
        <p>Sandbox time ${formatMoscow(ctx.clock.now())} MSK (time factor ${ctx.config.timeFactor}).
          JSON: <a href="/__sandbox/bills">/__sandbox/bills</a>, <a href="/__sandbox/deliveries">/__sandbox/deliveries</a>.</p>
        ${action('/advance', 'Advance the clock', markup`<label for="adv">Duration</label><input id="adv" name="duration" placeholder="15m" size="8" required>`)}
        ${action('/deliver-now', 'Deliver pending notifications now')}
        ${action('/reset', 'Reset the sandbox')}
        ${
          bills.length
            ? markup`<table>
                <caption>${bills.length} bill${bills.length === 1 ? '' : 's'}, newest first; times are Moscow time</caption>
                <thead><tr><th scope="col">Bill</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Created / deadline</th><th scope="col">Notifications</th><th scope="col">Trigger</th></tr></thead>
                <tbody>${bills.map((b) => billRow(ctx, b))}</tbody>
              </table>`
            : markup`<p>No bills yet.</p>`
        }
        ${faultSection(ctx)}
        ${merchantSection(ctx)}`,
      { wide: true },
    );
  };
}
