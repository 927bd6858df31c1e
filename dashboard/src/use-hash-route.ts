// Routes live in the URL's fragment (#/orders/ID), so the server serves one index.html and a
// reload or a shared link opens the same page.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { readonly page: 'orders' }
  | { readonly page: 'order'; readonly id: string }
  | { readonly page: 'attention' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const order = /^\/orders\/(.+)$/.exec(path);
  if (order?.[1]) return { page: 'order', id: decodeURIComponent(order[1]) };
  if (path === '/attention') return { page: 'attention' };
  return { page: 'orders' };
}

export const orderHref = (id: string) => `#/orders/${encodeURIComponent(id)}`;

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
