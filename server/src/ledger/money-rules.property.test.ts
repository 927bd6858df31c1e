// Properties of the ledger's money rules: the status machine never moves backwards or out of a final
// status; QIWI's word applies only when amount (to the kopeck) and currency match the order; refunds
// never add up to more than the order.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { newOrder } from '../../test/ledger/ledger-fixtures.js';
import { minorUnits, type BillStatus } from '../qiwi/index.js';
import { judgeQiwiWord } from './judge-qiwi-word.js';
import {
  FINAL_ORDER_STATUSES,
  ORDER_STATUSES,
  contradictsFinal,
  decideTransition,
  isFinal,
  type OrderStatus,
} from './order-status.js';
import { fromStored, refundableAmount, refundedAmount } from './refunded-amount.js';

const status = fc.constantFrom(...ORDER_STATUSES);
const billStatus = fc.constantFrom<BillStatus>('waiting', 'paid', 'rejected', 'unpaid', 'expired');
const RANK: Record<OrderStatus, number> = {
  created: 0,
  waiting: 1,
  paid: 2,
  rejected: 2,
  unpaid: 2,
  expired: 2,
};
const minor = fc.integer({ min: 1, max: 99_999_999 });

describe('status transitions, properties', () => {
  test.prop([status, status])(
    'a change only ever moves forward, and never out of a final status',
    (from, to) => {
      const verdict = decideTransition(from, to);
      if (from === to) expect(verdict.kind).toBe('same');
      else if (isFinal(from) || RANK[to] < RANK[from]) expect(verdict.kind).toBe('refused');
      else expect(verdict).toEqual({ kind: 'change', from, to });
    },
  );

  test.prop([fc.array(status, { maxLength: 12 })])(
    'any sequence of words walks the order forward only',
    (words) => {
      let current: OrderStatus = 'created';
      for (const word of words) {
        const verdict = decideTransition(current, word);
        if (verdict.kind === 'change') {
          expect(RANK[verdict.to]).toBeGreaterThan(RANK[current]);
          current = verdict.to;
        }
      }
      // Once final, nothing after it changed the status.
      const firstFinal = words.findIndex(
        (w, i) => FINAL_ORDER_STATUSES.has(w) && words.slice(0, i).every((p) => !isFinal(p)),
      );
      if (firstFinal >= 0) expect(current).toBe(words[firstFinal]);
    },
  );

  test.prop([status, status])('a conflict is exactly two different final statuses', (current, claimed) => {
    expect(contradictsFinal(current, claimed)).toBe(
      isFinal(current) && isFinal(claimed) && current !== claimed,
    );
  });
});

describe("judging QIWI's word, properties", () => {
  test.prop([minor, minor, fc.constantFrom('RUB', 'USD'), fc.constantFrom('RUB', 'USD'), billStatus])(
    'applies only when the amount (to the kopeck) and the currency are the order’s',
    (orderAmount, qiwiAmount, orderCurrency, qiwiCurrency, said) => {
      const placed = newOrder({
        amount: minorUnits(orderAmount),
        currency: orderCurrency,
        status: 'waiting',
      });
      const order = fromStored({
        ...placed,
        updatedAt: placed.createdAt,
        lastCheckedAt: undefined,
        refundTotals: {},
      });
      const judgement = judgeQiwiWord(
        order,
        {
          kind: 'bill',
          billId: order.id,
          status: said,
          amount: minorUnits(qiwiAmount),
          currency: qiwiCurrency,
        },
        new Date('2025-01-01T10:00:00Z'),
      );
      if (orderAmount === qiwiAmount && orderCurrency === qiwiCurrency)
        expect(judgement).toEqual({ kind: 'apply', to: said });
      else expect(judgement.kind).toBe('refuse');
    },
  );
});

describe('refund sums, properties', () => {
  const refund = fc.record({
    amount: fc.integer({ min: 1, max: 50_000 }),
    outcome: fc.constantFrom('processing', 'success', 'fail'),
  });

  test.prop([minor, fc.array(refund, { maxLength: 20 })])(
    'refunds accepted within the refundable amount never exceed the order; a failed one gives its money back',
    (orderAmount, requests) => {
      const totals = { processing: 0, success: 0, fail: 0 };
      for (const r of requests) {
        const refundable = refundableAmount({
          amount: minorUnits(orderAmount),
          refundedAmount: refundedAmount({
            processing: minorUnits(totals.processing),
            success: minorUnits(totals.success),
          }),
        });
        if (r.amount > refundable) continue; // refused: refund_exceeds_amount
        totals[r.outcome as keyof typeof totals] += r.amount;
        expect(totals.processing + totals.success).toBeLessThanOrEqual(orderAmount);
      }
      const counted = refundedAmount({
        processing: minorUnits(totals.processing),
        success: minorUnits(totals.success),
        fail: minorUnits(totals.fail),
      });
      expect(counted).toBe(totals.processing + totals.success);
      expect(refundableAmount({ amount: minorUnits(orderAmount), refundedAmount: counted })).toBe(
        orderAmount - counted,
      );
    },
  );
});
