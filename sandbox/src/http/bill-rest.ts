import type { Request, RequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import {
  cancelBill,
  createBill,
  getBill,
  getRefund,
  refundBill,
  type OperationContext,
  type OperationResult,
} from '../domain/rest-operations.js';
import type { BillRecord } from '../domain/state.js';
import { callerIp, formParams, pathSegments } from './form-body.js';
import { authenticateBill, claimedBillMerchant } from './rest-auth.js';
import { negotiate, sendEmpty, sendEnvelope, sendProfileB } from './rest-response.js';

// bill-payments-rest-api-1.0.0.md §5: PUT|GET|PATCH /api/v3/prv/bills/{bill_id},
// PUT|GET …/{bill_id}/refund/{refund_id}, and the `PATCH|POST …/{bill_id}/reject` alias (§14, §13 B25).
// Mounted at /api/v3/prv/bills (and at the /api/v2/prv/bills leftover of §3), so req.path starts at {bill_id}.

export function payUrlOf(req: Request, bill: BillRecord): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}/?uid=${bill.uid}`;
}

export function billRest(ctx: SandboxContext): RequestHandler {
  return (req, res) => {
    const segments = pathSegments(req.path);
    const first = segments?.[0] ?? '';
    const isBill = segments?.length === 1 && first !== '';
    const isReject = segments?.length === 2 && segments[1] === 'reject' && first !== '';
    const isRefund = segments?.length === 3 && segments[1] === 'refund' && segments[2] !== '' && first !== '';
    if (!segments || (!isBill && !isReject && !isRefund)) return sendEmpty(res, 404);
    const allowed = isBill ? ['PUT', 'GET', 'PATCH'] : isReject ? ['PATCH', 'POST'] : ['PUT', 'GET'];
    if (!allowed.includes(req.method)) return sendEmpty(res, 405, allowed);
    const billId = first;
    const refundId = segments[2] ?? '';
    const format = negotiate(req.get('accept'));
    const profile = ctx.config.httpStatusProfile;
    const authorization = req.get('authorization');
    const auth = authenticateBill(ctx.config, authorization, callerIp(req));
    const merchant = auth.ok
      ? auth.merchant
      : (auth.merchant ?? claimedBillMerchant(ctx.config, authorization));
    const reply = (result: OperationResult): void => {
      ctx.log(`bill ${req.method} ${req.originalUrl} → ${result.code}`);
      if (merchant?.profile === 'B') {
        sendProfileB(
          res,
          format,
          profile,
          result,
          (bill) => payUrlOf(req, bill),
          new Date(ctx.clock.now()).toISOString(),
        );
      } else {
        sendEnvelope(res, format, profile, result);
      }
    };
    if (!auth.ok) return reply({ code: auth.code });
    const op: OperationContext = {
      ledger: ctx.ledger,
      config: ctx.config,
      merchant: auth.merchant,
      now: ctx.clock.now(),
      billIdMax: 30,
      profileB: auth.merchant.profile === 'B',
    };
    const params = formParams(req);
    if (isReject)
      return reply(cancelBill(op, billId, params, { caseInsensitive: true, implicitStatus: true }));
    if (isRefund) {
      return reply(
        req.method === 'PUT' ? refundBill(op, billId, refundId, params) : getRefund(op, billId, refundId),
      );
    }
    if (req.method === 'PUT') return reply(createBill(op, billId, params));
    if (req.method === 'GET') return reply(getBill(op, billId));
    reply(cancelBill(op, billId, params, { caseInsensitive: true, implicitStatus: false }));
  };
}
