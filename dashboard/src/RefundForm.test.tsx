import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/preact';
import { RefundForm } from './RefundForm.js';
import type { Order } from './types.js';

const order = {
  id: 'demo-1',
  amount: '450.00',
  refundedAmount: '40.25',
  currency: 'RUB',
  status: 'paid',
} as Order;

afterEach(cleanup);

describe('the refund form', () => {
  it('shows what is left and offers it whole', () => {
    render(<RefundForm order={order} onRefund={() => {}} />);
    expect(screen.getByText(/Left to refund/).textContent).toMatch(/409\.75/);
    expect((screen.getByLabelText('Amount to refund (RUB)') as HTMLInputElement).value).toBe('409.75');
  });

  it('passes a typed part on as a decimal string, and refuses more than is left', () => {
    const onRefund = vi.fn();
    render(<RefundForm order={order} onRefund={onRefund} />);
    const input = screen.getByLabelText('Amount to refund (RUB)');
    fireEvent.input(input, { target: { value: '409,76' } });
    fireEvent.click(screen.getByRole('button', { name: 'Refund' }));
    expect(onRefund).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/from 0\.01 up to RUB\s409\.75/);
    fireEvent.input(input, { target: { value: '10,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Refund' }));
    expect(onRefund).toHaveBeenCalledWith('10.50');
  });

  it('offers nothing once all of it is refunded', () => {
    const { container } = render(
      <RefundForm order={{ ...order, refundedAmount: '450.00' }} onRefund={() => {}} />,
    );
    expect(container.textContent).toBe('');
  });
});
