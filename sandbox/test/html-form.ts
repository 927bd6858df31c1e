// Drives the hosted pages the way a script would: read the HTML, find the form, post it back.

export interface ParsedForm {
  action: string;
  method: string;
  fields: Record<string, string>;
  buttons: Array<{ name: string; value: string; label: string }>;
  labels: string[];
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decode(match[1]);
}

export function parseForms(html: string): ParsedForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const [, open = '', inner = ''] = m;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(input[0], 'name');
      if (name) fields[name] = attr(input[0], 'value') ?? '';
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((b) => ({
      name: attr(b[0], 'name') ?? '',
      value: attr(b[0], 'value') ?? '',
      label: decode((b[2] ?? '').trim()),
    }));
    const labels = [...inner.matchAll(/<label\b[^>]*>([^<]*)/g)].map((l) => decode((l[1] ?? '').trim()));
    return {
      action: attr(open, 'action') ?? '',
      method: (attr(open, 'method') ?? 'get').toLowerCase(),
      fields,
      buttons,
      labels,
    };
  });
}

export function onlyForm(html: string): ParsedForm {
  const forms = parseForms(html);
  if (forms.length !== 1) throw new Error(`expected one form on the page, found ${forms.length}`);
  return forms[0] as ParsedForm;
}

/** Posts a form as a browser would after clicking the button labelled `buttonLabel`. */
export async function submit(
  pageUrl: string,
  form: ParsedForm,
  buttonLabel?: string,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams({ ...form.fields, ...overrides });
  if (buttonLabel !== undefined) {
    const button = form.buttons.find((b) => b.label === buttonLabel);
    if (!button)
      throw new Error(
        `no button "${buttonLabel}"; the form has: ${form.buttons.map((b) => b.label).join(', ')}`,
      );
    if (button.name) body.append(button.name, button.value);
  }
  return fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    body: body.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

/** GET a hosted page, pick its single form, click a button. */
export async function clickOn(pageUrl: string, buttonLabel: string): Promise<Response> {
  const page = await fetch(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
  return submit(pageUrl, onlyForm(await page.text()), buttonLabel);
}
