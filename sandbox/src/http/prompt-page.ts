import { hidden, html, type Html } from './html.js';
import type { Params } from './form-body.js';

// The "tell us what is missing" step of the web forms (pull-rest-api-2.1.md §7.1, §7.3: the user types the
// phone and/or amount; bill-payments-rest-api-1.0.0.md §6.4: the payer identifies on the page).

export interface PromptField {
  name: string;
  label: string;
  type: 'tel' | 'text' | 'email';
  hint?: string;
  required: boolean;
  inputmode?: 'decimal' | 'tel';
}

export function promptBody(options: {
  title: string;
  action: string;
  params: Params;
  fields: PromptField[];
  error?: string;
  submitLabel: string;
  summary: Html;
}): Html {
  const asked = new Set(options.fields.map((f) => f.name));
  const carried = Object.entries(options.params)
    .filter(([name]) => !asked.has(name))
    .map(([name, value]) => hidden(name, value));
  const inputs = options.fields.map(
    (f) =>
      html`<label for="f-${f.name}"
        >${f.label}
        <input
          id="f-${f.name}"
          name="${f.name}"
          type="${f.type}"
          ${f.required ? html` required` : ''}${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}
          value="${options.params[f.name] ?? ''}"
          ${f.hint ? html` aria-describedby="h-${f.name}"` : ''}
        />
        ${f.hint ? html`<span id="h-${f.name}" class="note">${f.hint}</span>` : ''}</label
      > `,
  );
  return html`<h1>${options.title}</h1>
    ${options.summary} ${options.error ? html`<p role="alert" class="error">${options.error}</p>` : ''}
    <form method="post" action="${options.action}">
      ${carried}${inputs}<button type="submit" class="primary">${options.submitLabel}</button>
    </form>`;
}
