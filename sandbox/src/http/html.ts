import type { Response } from 'express';

// Server-rendered HTML with every interpolated value escaped. No inline script or style, so the pages
// work under the strict Content-Security-Policy sent with them.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Value = string | number | Html | undefined | null | false | Html[];

/** Tagged template: strings and numbers are escaped, Html is inserted as is, false/null/undefined vanish. */
export function markup(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (Array.isArray(value)) out += value.map((part) => part.value).join('');
    else if (value instanceof Html) out += value.value;
    else if (value !== undefined && value !== null && value !== false) out += escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return new Html(out);
}

export const STYLESHEET_PATH = '/__sandbox/assets/sandbox.css';

// Colours meet WCAG 2.1 AA (4.5:1 for text): the primary button is near-black on QIWI orange (≈ 7.8:1),
// the brand line a dark orange on white (≈ 6.9:1).
export const STYLESHEET = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}
header{max-width:34rem;margin:1.5rem auto 0;display:flex;justify-content:space-between;align-items:baseline;padding:0 .5rem}
header.wide,main.wide{max-width:72rem}
main{max-width:34rem;margin:.5rem auto 2rem;background:#fff;border-radius:12px;padding:1.5rem 2rem;box-shadow:0 1px 4px #0002}
main.compact{margin:0;max-width:none;border-radius:0;box-shadow:none;padding:1rem}
.brand{color:#a84300;font-weight:700;margin:0}
.lead{font-size:1.1rem;margin-top:-.5rem}
a{color:#0b57b0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}dd{margin:0}
fieldset{border:1px solid #ddd;border-radius:8px;display:grid;gap:.5rem;padding:1rem}
button{font:inherit;padding:.6rem 1rem;border-radius:8px;border:1px solid #767676;background:#fafafa;color:#1d1d1f;cursor:pointer}
button.primary{background:#ff8c00;border-color:#b35f00;color:#1d1d1f;font-weight:600}
button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b57b0;outline-offset:2px}
label{display:grid;gap:.25rem;margin-bottom:.75rem}input,select{font:inherit;padding:.5rem;border:1px solid #767676;border-radius:6px}
.error{color:#b00020}.note{color:#555;font-size:.9rem}
.back{font-weight:600}
pre{background:#f4f5f7;padding:.75rem;overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
form.inline{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.25rem 0}
form.inline label{display:flex;gap:.25rem;margin:0;align-items:center}
form.inline button,form.inline input,form.inline select{padding:.25rem .5rem}
`;

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  // Chrome applies form-action to the redirect after a POST, and return URLs lead to the merchant.
  "form-action 'self' http: https:",
  "base-uri 'none'",
  'frame-ancestors *',
].join('; ');

export interface PageOptions {
  compact?: boolean;
  /** Wide layout (the bills page). */
  wide?: boolean;
  lang?: 'ru' | 'en';
  brand?: string;
  /** The same page in the other language. */
  switchTo?: { href: string; label: string; lang: 'ru' | 'en' };
  /** HTTP status headers beyond the defaults (e.g. WWW-Authenticate). */
  headers?: Record<string, string>;
}

export function sendPage(
  res: Response,
  status: number,
  title: string,
  body: Html,
  options: PageOptions = {},
): void {
  const layout = options.compact ? ' class="compact"' : options.wide ? ' class="wide"' : '';
  const switchLink = options.switchTo
    ? markup`<a href="${options.switchTo.href}" lang="${options.switchTo.lang}" hreflang="${options.switchTo.lang}">${options.switchTo.label}</a>`
    : '';
  const page = markup`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header${new Html(options.wide ? ' class="wide"' : '')}>
<p class="brand">${options.brand ?? 'QIWI sandbox'}</p>
${switchLink}
</header>
<main${new Html(layout)}>
${body}
</main>
</body>
</html>
`;
  res
    .status(status)
    .setHeader('Content-Type', 'text/html; charset=utf-8')
    .setHeader('Content-Security-Policy', CSP)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer');
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.end(page.value);
}

/** A page that explains what went wrong and what to do about it. */
export function sendMessage(
  res: Response,
  status: number,
  title: string,
  message: string,
  hint?: string,
  options: PageOptions & { backTo?: { href: string; label: string } } = {},
): void {
  const back = options.backTo
    ? markup`<p><a class="back" href="${options.backTo.href}">${options.backTo.label}</a></p>`
    : '';
  sendPage(
    res,
    status,
    title,
    markup`<h1>${title}</h1>
      <p role="${status >= 400 ? 'alert' : 'status'}" class="${status >= 400 ? 'error' : ''}">${message}</p>
      ${hint ? markup`<p class="note">${hint}</p>` : ''}${back}`,
    options,
  );
}

export function hidden(name: string, value: string | undefined): Html {
  return value === undefined ? markup`` : markup`<input type="hidden" name="${name}" value="${value}" /> `;
}
