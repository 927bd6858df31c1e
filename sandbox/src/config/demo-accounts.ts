import type { BillMerchantInput, PullMerchantInput } from './schema.js';

// Built-in test-only accounts so the sandbox runs with zero files. The values are the invented examples
// of the specs themselves (pull-rest-api-2.1.md §5.1 and §7.4; bill-payments-rest-api-1.0.0.md §2.1 and
// §5.1), so the worked examples in both documents run unchanged against a fresh sandbox.

export const DEMO_PULL = {
  prvId: '21379721',
  apiId: '62573819',
  apiPassword: 'KCVn0OGNdepwbrruSzvE',
  notificationPassword: 'K3yForN0tify',
  projectName: 'Demo Shop',
} as const;

export const DEMO_BILL = {
  prvId: '2042',
  apiId: '56603972',
  apiSecret: 's3cr3tApiKey',
  secretKey: 'MjA0Mnw1NjYwMzk3MnxiMzhjYzg1YzM4ZTkxMTI2MTE4OGZhNTg2Y2E3NTM0Nw==',
  publicKey: 'UMYxY7qyMExWo7Q5UzaqCbK',
} as const;

export function demoPullMerchant(notifyUrl: string | undefined): PullMerchantInput {
  return {
    prvId: DEMO_PULL.prvId,
    projectName: DEMO_PULL.projectName,
    api: [{ apiId: DEMO_PULL.apiId, password: DEMO_PULL.apiPassword }],
    notification: { url: notifyUrl, password: DEMO_PULL.notificationPassword, auth: 'basic' },
    currencies: ['RUB', 'USD', 'EUR', 'KZT'],
  };
}

export function demoBillMerchant(notifyUrl: string | undefined): BillMerchantInput {
  return {
    prvId: DEMO_BILL.prvId,
    projectName: 'Demo Shop',
    apiId: DEMO_BILL.apiId,
    apiSecret: DEMO_BILL.apiSecret,
    notification: { url: notifyUrl },
    currencies: ['RUB', 'USD', 'EUR', 'KZT'],
  };
}
