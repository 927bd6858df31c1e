// One error shape for everything that can go wrong: a `code` merchant code can switch on, and a
// message for the developer that says what to do next (DESIGN.md house style 6 and 7). The shopper
// never sees these messages; the button shows a localised, generic text instead. A plain Error with
// fields rather than a subclass: class fields would pull helpers into the bundle.

export interface WidgetError extends Error {
  readonly code: string;
  /** Whether pressing the button again can help (network trouble, 429, 5xx) or not (bad setup). */
  readonly retryable: boolean;
}

export function widgetError(code: string, message: string, retryable = true): WidgetError {
  return Object.assign(new Error(message), { code, retryable });
}

export function toWidgetError(error: unknown): WidgetError {
  return error && typeof (error as WidgetError).code === 'string'
    ? (error as WidgetError)
    : widgetError('internal', 'unexpected: ' + error);
}
