import type { Params } from '../form-body.js';

// The language of a hosted page: an explicit `lang=ru|en` (the switch link, or the hidden field a page's
// form carries) wins; otherwise the first of Russian or English in Accept-Language (by q); English when
// neither is asked for.

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const isLang = (value: string | undefined): value is Lang => value === 'ru' || value === 'en';

export function pickLang(params: Params, acceptLanguage: string | undefined): Lang {
  if (isLang(params.lang)) return params.lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)\s*$/.exec(r)?.[1]).find((v) => v !== undefined);
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLang) ?? 'en';
}

/** The same page in the other language: the current query with `lang` replaced. */
export function switchHref(path: string, params: Params, to: Lang): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (name !== 'lang') query.append(name, value);
  query.set('lang', to);
  return `${path}?${query.toString()}`;
}
