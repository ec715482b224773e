// Marks the error ack the connection makes up when the server never answered, so the UI can
// say "timed out" instead of "server error". Kept apart from connection.ts so translating an
// error does not pull socket.io-client into every page.
import type { ErrorBody } from '@dangshi/protocol';

export const ACK_TIMEOUT_MESSAGE = 'socket acknowledgement timed out';

export function ackTimeoutError(): ErrorBody {
  return { code: 'INTERNAL', message: ACK_TIMEOUT_MESSAGE };
}

export function isAckTimeout(error: ErrorBody): boolean {
  return error.code === 'INTERNAL' && error.message === ACK_TIMEOUT_MESSAGE;
}
