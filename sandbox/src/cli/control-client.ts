// Talks to a running sandbox's control API (/__sandbox/…) for the CLI's non-start commands.

export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function controlRequest(
  baseUrl: string,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<unknown> {
  const url = `${baseUrl.replace(/\/+$/, '')}/__sandbox${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ControlError(
      `cannot reach the sandbox at ${baseUrl} (${(error as Error).message}); start it with "qiwi-sandbox start" or pass --url`,
      0,
    );
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlError(
      `${url} answered HTTP ${response.status} without JSON: is this a QIWI sandbox?`,
      response.status,
    );
  }
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
    throw new ControlError(message, response.status);
  }
  return parsed;
}
