import type { ResolvedConfig } from '../config/resolve-config.js';

// pull-rest-api-2.1.md §14 "Wallet registry": every number is a registered wallet unless the config
// lists it; §5.1 rows 19–21 turn the lists into 298, 774 and the pay_source=mobile codes.

export function phoneDigits(phone: string): string {
  return phone.replace(/^tel:/, '').replace(/\D/g, '');
}

export function walletCode(
  wallets: ResolvedConfig['wallets'],
  user: string,
  paySource: string | undefined,
): number {
  const digits = phoneDigits(user);
  const listed = (list: string[]): boolean => list.some((entry) => phoneDigits(entry) === digits);
  if (listed(wallets.unregistered)) return 298;
  if (listed(wallets.blocked)) return 774;
  if (paySource === 'mobile') {
    if (listed(wallets.unknownOperator)) return 1019;
    if (listed(wallets.unsupportedRegion)) return 934;
    if (listed(wallets.unsupportedCountry)) return 1018;
  }
  return 0;
}
