// The shape of every socket acknowledgement: success with data, or an error body.
import type { ErrorBody } from './errors';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (response: Ack<T>) => void;
