// Uploads a file as multipart/form-data (imports of question files and rosters). The shared http
// wrapper speaks JSON only, so this sends the form itself, with the same CSRF header and the
// same typed failures.
import { CSRF_HEADER, isErrorCode, type ErrorBody } from '@dangshi/protocol';
import { ApiError, NetworkError } from '$lib/api/http';
import { session } from '$lib/session.svelte';
import { queryString } from './query';

export async function uploadFile<T>(path: string, file: File, query: Record<string, unknown>, timeoutMs: number): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.current?.csrfToken;
  if (token) headers[CSRF_HEADER] = token;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(query)}`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
      signal: controller.signal,
    });
  } catch (error) {
    throw new NetworkError(timedOut, error);
  } finally {
    clearTimeout(timer);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const error: ErrorBody =
    body && typeof body === 'object' && isErrorCode((body as ErrorBody).code)
      ? (body as ErrorBody)
      : { code: response.status === 413 ? 'IMPORT_FAILED' : 'INTERNAL', message: response.statusText };
  throw new ApiError(response.status, error);
}
