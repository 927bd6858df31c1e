// Talks to a running sandbox's control API (/__sandbox/…) for the CLI's non-start commands.

export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Where the sandbox is and the control token it wants (absent: a loopback sandbox without one). */
export interface ControlTarget {
  baseUrl: string;
  token?: string;
}

export async function controlRequest(
  target: ControlTarget,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<unknown> {
  const baseUrl = target.baseUrl;
  const url = `${baseUrl.replace(/\/+$/, '')}/__sandbox${path}`;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (target.token) headers.Authorization = `Bearer ${target.token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
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
