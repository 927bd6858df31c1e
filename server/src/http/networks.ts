// Address lists from configuration (TRUST_PROXY, NOTIFICATION_SOURCE_NETWORKS): single addresses and
// CIDR subnets, IPv4 and IPv6, validated up front so a typo fails at start with the entry named.

import { BlockList, isIP } from 'node:net';

/** QIWI's documented notification source networks (pull-rest-api-2.1.md §9.2). */
export const QIWI_NOTIFICATION_NETWORKS = ['91.232.230.0/23', '79.142.16.0/20'] as const;

/** Throws a message naming the entry when one is not an address or an `address/prefix` subnet. */
export function parseNetworks(variable: string, entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined)
      throw new Error(
        `${variable}: "${entry}" is not an IP address or subnet; write addresses like 10.0.0.1 or subnets like 10.0.0.0/8, comma-separated`,
      );
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)
      throw new Error(`${variable}: "${entry}" has prefix /${prefix}; an ${type} prefix is 0 to ${bits}`);
    list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** Whether `address` (as the socket or Express reports it, IPv4-mapped IPv6 included) is listed. */
export function inNetworks(list: BlockList, address: string | undefined): boolean {
  if (address === undefined) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return list.check(mapped, 'ipv4');
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
