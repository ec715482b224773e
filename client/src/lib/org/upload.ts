// Uploads a roster as multipart/form-data. The shared http wrapper speaks JSON only, so this
// sends the form itself, with the same CSRF header and the same typed failures.
import { CSRF_HEADER, isErrorCode, type ErrorBody, type RosterImportQuery, type RosterImportResultDto } from '@dangshi/protocol';
import { ApiError, NetworkError } from '$lib/api/http';
import { session } from '$lib/session.svelte';
import { queryString } from '$lib/ranking/query';

/** Hashing a few hundred initial passwords takes a while on a small server. */
const UPLOAD_TIMEOUT_MS = 180_000;

export async function uploadRoster(file: File, query: RosterImportQuery): Promise<RosterImportResultDto> {
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
  }, UPLOAD_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`/api/org/roster/import${queryString({ ...query })}`, {
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
  if (response.ok) return body as RosterImportResultDto;
  const error: ErrorBody =
    body && typeof body === 'object' && isErrorCode((body as ErrorBody).code)
      ? (body as ErrorBody)
      : { code: response.status === 413 ? 'IMPORT_FAILED' : 'INTERNAL', message: response.statusText };
  throw new ApiError(response.status, error);
}
