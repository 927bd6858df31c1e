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

export const STYLESHEET = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}
main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem 2rem;box-shadow:0 1px 4px #0002}
main.compact{margin:0;max-width:none;border-radius:0;box-shadow:none;padding:1rem}
.brand{color:#ff8c00;font-weight:700;margin:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#555}dd{margin:0}
fieldset{border:1px solid #ddd;border-radius:8px;display:grid;gap:.5rem;padding:1rem}
button{font:inherit;padding:.6rem 1rem;border-radius:8px;border:1px solid #bbb;background:#fafafa;cursor:pointer}
button.primary{background:#ff8c00;border-color:#ff8c00;color:#fff}
label{display:grid;gap:.25rem;margin-bottom:.75rem}input{font:inherit;padding:.5rem;border:1px solid #bbb;border-radius:6px}
.error{color:#b00020}.note{color:#555;font-size:.9rem}
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

export function sendPage(res: Response, status: number, title: string, body: Html, compact = false): void {
  const page = markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main${compact ? new Html(' class="compact"') : ''}>
<p class="brand">QIWI sandbox</p>
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
  res.end(page.value);
}

/** A page that explains what went wrong and what to do about it. */
export function sendMessage(
  res: Response,
  status: number,
  title: string,
  message: string,
  hint?: string,
): void {
  sendPage(
    res,
    status,
    title,
    markup`<h1>${title}</h1>
      <p role="alert" class="${status >= 400 ? 'error' : ''}">${message}</p>
      ${hint ? markup`<p class="note">${hint}</p>` : ''}`,
  );
}

export function hidden(name: string, value: string | undefined): Html {
  return value === undefined ? markup`` : markup`<input type="hidden" name="${name}" value="${value}" /> `;
}
