// A small typed fetch wrapper for the same-origin api: JSON in and out, the session cookie
// travels automatically, the CSRF token is echoed on state-changing requests, and every failure
// becomes a typed error the UI can translate (ApiError for api answers, NetworkError otherwise).
import { CSRF_HEADER, isErrorCode, type ErrorBody, type ErrorCode } from '@dangshi/protocol';

/** Long enough for a slow phone network, short enough that nobody stares at a spinner forever. */
const REQUEST_TIMEOUT_MS = 15_000;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: ErrorBody['issues'];

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.issues = body.issues;
  }
}

/** The request never got an answer: offline, DNS, server down, or timed out. */
export class NetworkError extends Error {
  readonly timedOut: boolean;

  constructor(timedOut: boolean, cause?: unknown) {
    super(timedOut ? 'request timed out' : 'network request failed', { cause });
    this.name = 'NetworkError';
    this.timedOut = timedOut;
  }
}

// Set by the session module whenever the session changes; kept here (not imported from the
// session) so the wrapper has no dependency cycle with its main user.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;

  // A plain AbortController rather than AbortSignal.timeout(): older phone browsers lack it.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch (error) {
    throw new NetworkError(timedOut, error);
  } finally {
    clearTimeout(timer);
  }

  if (!response.ok) throw new ApiError(response.status, await readErrorBody(response));
  if (response.status === 204) return undefined as T;

  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The api always sends an ErrorBody; a proxy's HTML 502 page does not, so fall back by status. */
async function readErrorBody(response: Response): Promise<ErrorBody> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && isErrorCode((body as ErrorBody).code)) {
      return body as ErrorBody;
    }
  } catch {
    // Not JSON: handled below.
  }
  return { code: fallbackCode(response.status), message: response.statusText };
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

export const http = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T = void>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T = void>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
