// One error type for everything that can go wrong, with a `code` merchant code can switch on and a
// message for the developer that says what to do next (DESIGN.md house style 6 and 7). The shopper
// never sees these messages: the button shows a localised, generic text instead.

export class WidgetError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Whether pressing the button again can help (network trouble, 429, 5xx) or not (bad setup). */
    readonly retryable = true,
    /** The HTTP status, when the error is an answer from the backend. */
    readonly status = 0,
  ) {
    super(message);
  }
}

export function toWidgetError(error: unknown): WidgetError {
  return error instanceof WidgetError
    ? error
    : new WidgetError('internal', `unexpected failure: ${String(error)}; please report it`, true);
}
