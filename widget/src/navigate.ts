// Going to QIWI is a top-level navigation, never a popup or an iframe: QIWI's page must own the
// window, and the return redirect (pull-rest-api-2.1.md §8.3) must land in the shop's tab. No
// referrer policy is set anywhere, so QIWI receives the shop's Referer as usual.

import type { Redirect } from './api-client';
import { widgetError } from './widget-error';

/** The URL to open, from the checkout answer's redirect. Only http(s). */
export function redirectUrl(redirect?: Redirect): string {
  const url = redirect?.url;
  // A javascript: or data: URL would run in the shop's origin: refuse anything but http(s).
  if (/^https?:\/\//i.test(url!)) return url!;
  throw widgetError(
    'bad_redirect',
    `refused to open "${url}": the server must answer an http(s) redirect`,
    false,
  );
}

/** Navigates the top window; a cross-origin frame may not, so then the frame itself navigates. */
export function navigateTop(url: string): void {
  try {
    top!.location.assign(url);
  } catch {
    location.assign(url);
  }
}
