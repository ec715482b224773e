// Turns anything a request or socket call can fail with into a sentence from the catalogue,
// so every failure shows the user a clear message in their language.
import { isErrorCode, type ErrorBody } from '@dangshi/protocol';
import { ApiError, NetworkError } from '$lib/api/http';
import { isAckTimeout } from '$lib/socket/ack-timeout';
import { t } from './t';

export function errorText(error: unknown): string {
  if (error instanceof NetworkError) {
    return t(error.timedOut ? 'common.timeout' : 'common.networkError');
  }
  if (error instanceof ApiError) return t(`error.${error.code}`);
  if (isErrorBody(error)) return isAckTimeout(error) ? t('common.timeout') : t(`error.${error.code}`);
  return t('error.INTERNAL');
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && isErrorCode((value as ErrorBody).code);
}
