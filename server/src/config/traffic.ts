// Settings for traffic from the internet: which proxies to trust for the client address, the rate
// limits per client, which networks may post notifications, and how many unauthenticated notification
// rejects the ledger keeps. Validated here so a typo fails at start with the variable named.

import { QIWI_NOTIFICATION_NETWORKS, parseNetworks } from '../http/networks.js';

/** proxy-addr's names for well-known ranges, which Express's `trust proxy` also accepts. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

export interface TrafficConfig {
  /** Express `trust proxy`: false, a hop count, or addresses/subnets/named ranges. */
  readonly trustProxy: false | number | readonly string[];
  /** Per client address (behind TRUST_PROXY) and minute. */
  readonly checkoutPerMinute: number;
  readonly statusPerMinute: number;
  /** Unauthenticated notification rejects per source and minute; genuine ones never count. */
  readonly notificationRejectsPerMinute: number;
  /** Networks allowed to post notifications; undefined = any source (the default). */
  readonly notificationSources: readonly string[] | undefined;
  readonly rejectedRetention: { readonly keep: number; readonly maxAgeSeconds: number };
}

type Raw = Readonly<Record<string, string | undefined>>;

const split = (value: string) =>
  value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function wholeNumber(raw: Raw, name: string, fallback: number, min: number, problems: string[]): number {
  const value = raw[name];
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    problems.push(`${name}: must be a whole number of at least ${min} (the default is ${fallback})`);
    return fallback;
  }
  return Number(value);
}

export function trustProxySetting(
  value: string | undefined,
  problems: string[],
): TrafficConfig['trustProxy'] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    if (Number(value) > 10)
      problems.push(
        'TRUST_PROXY: a hop count above 10 is surely a mistake; count the proxies in front of the server',
      );
    return Number(value);
  }
  if (value === 'true') {
    problems.push(
      'TRUST_PROXY: "true" would trust any X-Forwarded-For a client sends; give the number of proxies in front of the server, or their addresses',
    );
    return false;
  }
  const entries = split(value);
  try {
    parseNetworks(
      'TRUST_PROXY',
      entries.filter((e) => !NAMED_RANGES.includes(e)),
    );
  } catch (error) {
    problems.push((error as Error).message);
  }
  return entries;
}

function sourceNetworks(value: string | undefined, problems: string[]): readonly string[] | undefined {
  if (value === undefined || value === 'off') return undefined;
  // `qiwi` stands for QIWI's documented ranges (pull-rest-api-2.1.md §9.2).
  const entries = split(value).flatMap((e) => (e === 'qiwi' ? [...QIWI_NOTIFICATION_NETWORKS] : [e]));
  try {
    parseNetworks('NOTIFICATION_SOURCE_NETWORKS', entries);
  } catch (error) {
    problems.push(`${(error as Error).message} (or "qiwi" for QIWI's documented networks)`);
  }
  return entries;
}

export function trafficSettings(raw: Raw, problems: string[]): TrafficConfig {
  // RATE_LIMIT_PER_MINUTE, the one limit of earlier versions, stays the default of both widget limits.
  const legacy = wholeNumber(raw, 'RATE_LIMIT_PER_MINUTE', 0, 1, problems);
  return {
    trustProxy: trustProxySetting(raw.TRUST_PROXY, problems),
    checkoutPerMinute: wholeNumber(raw, 'CHECKOUT_RATE_LIMIT_PER_MINUTE', legacy || 30, 1, problems),
    statusPerMinute: wholeNumber(raw, 'STATUS_RATE_LIMIT_PER_MINUTE', legacy || 120, 1, problems),
    notificationRejectsPerMinute: wholeNumber(raw, 'NOTIFICATION_REJECT_LIMIT_PER_MINUTE', 30, 1, problems),
    notificationSources: sourceNetworks(raw.NOTIFICATION_SOURCE_NETWORKS, problems),
    rejectedRetention: {
      keep: wholeNumber(raw, 'REJECTED_NOTIFICATIONS_KEEP', 10_000, 1, problems),
      maxAgeSeconds: wholeNumber(raw, 'REJECTED_NOTIFICATIONS_MAX_AGE_SECONDS', 7 * 86_400, 60, problems),
    },
  };
}
