import { hidden, markup, type Html } from './html.js';
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
  /** A line under the headline saying what this step is. */
  lead?: string;
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
  const inputs = options.fields.map((f) => {
    const required = f.required ? markup` required` : '';
    const inputmode = f.inputmode ? markup` inputmode="${f.inputmode}"` : '';
    const described = f.hint ? markup` aria-describedby="h-${f.name}"` : '';
    const hint = f.hint ? markup`<span id="h-${f.name}" class="note">${f.hint}</span>` : '';
    const value = options.params[f.name] ?? '';
    return markup`<label for="f-${f.name}">${f.label} <input id="f-${f.name}" name="${f.name}" type="${f.type}" value="${value}"${required}${inputmode}${described}> ${hint}</label>\n`;
  });
  const error = options.error ? markup`<p role="alert" class="error">${options.error}</p>` : '';
  return markup`<h1>${options.title}</h1>
${options.lead ? markup`<p class="lead">${options.lead}</p>` : ''}
${options.summary}
${error}
<form method="post" action="${options.action}">
${carried}${inputs}<button type="submit" class="primary">${options.submitLabel}</button>
</form>`;
}
