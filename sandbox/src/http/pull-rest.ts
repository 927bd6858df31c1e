import type { RequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import {
  cancelBill,
  createBill,
  getBill,
  getRefund,
  refundBill,
  type OperationContext,
} from '../domain/rest-operations.js';
import { callerIp, formParams, pathSegments } from './form-body.js';
import { authenticatePull } from './rest-auth.js';
import { negotiate, sendEmpty, sendEnvelope } from './rest-response.js';

// pull-rest-api-2.1.md §5: PUT|GET|PATCH /api/v2/prv/{prv_id}/bills/{bill_id} and
// PUT|GET /api/v2/prv/{prv_id}/bills/{bill_id}/refund/{refund_id}; 404/405 with an empty body otherwise.
// Mounted at /api/v2/prv, so req.path starts at {prv_id}.

export function pullRest(ctx: SandboxContext): RequestHandler {
  return (req, res) => {
    const segments = pathSegments(req.path);
    const isBill = segments?.length === 3 && segments[1] === 'bills' && segments[2] !== '';
    const isRefund =
      segments?.length === 5 && segments[1] === 'bills' && segments[3] === 'refund' && segments[4] !== '';
    if (!segments || (!isBill && !isRefund)) return sendEmpty(res, 404);
    const allowed = isBill ? ['PUT', 'GET', 'PATCH'] : ['PUT', 'GET'];
    if (!allowed.includes(req.method)) return sendEmpty(res, 405, allowed);
    const [prvId = '', , billId = '', , refundId = ''] = segments;
    const format = negotiate(req.get('accept'));
    const profile = ctx.config.httpStatusProfile;
    const auth = authenticatePull(ctx.config, req.get('authorization'), callerIp(req), prvId);
    if (!auth.ok) return sendEnvelope(res, format, profile, { code: auth.code });
    const op: OperationContext = {
      ledger: ctx.ledger,
      config: ctx.config,
      merchant: auth.merchant,
      now: ctx.clock.now(),
      billIdMax: 200,
      profileB: false,
    };
    const params = formParams(req);
    let result;
    if (isBill && req.method === 'PUT') result = createBill(op, billId, params);
    else if (isBill && req.method === 'GET') result = getBill(op, billId);
    else if (isBill)
      result = cancelBill(op, billId, params, { caseInsensitive: false, implicitStatus: false });
    else if (req.method === 'PUT') result = refundBill(op, billId, refundId, params);
    else result = getRefund(op, billId, refundId);
    ctx.log(`pull ${req.method} ${req.originalUrl} → ${result.code}`);
    sendEnvelope(res, format, profile, result);
  };
}
