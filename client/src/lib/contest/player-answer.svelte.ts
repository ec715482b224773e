// One question's answer on the phone: what was chosen, under which client id, and how far it
// got. "received" is set only by the server's ack (or by the server's own record after a
// rejoin), so the phone never claims an answer arrived when it may not have.
import type { AnswerResponse, ErrorBody } from '@dangshi/protocol';
import { isAckTimeout } from '$lib/socket/ack-timeout';
import { newClientAnswerId } from './player-answer-id';
import type { PendingAnswer } from './player-storage';

/**
 * idle: nothing chosen yet; queued: chosen, waiting for a connection (or a retry);
 * sending: on the wire; received: acknowledged; failed: refused for good (too late, …).
 */
export type AnswerStatus = 'idle' | 'queued' | 'sending' | 'received' | 'failed';

export class AnswerSlot {
  readonly questionIndex: number;
  readonly clientAnswerId: string;
  response = $state<AnswerResponse | null>(null);
  status = $state<AnswerStatus>('idle');
  error = $state<ErrorBody | null>(null);

  constructor(questionIndex: number, restored?: PendingAnswer) {
    this.questionIndex = questionIndex;
    // One id per question, reused by every retry: the server counts it once.
    this.clientAnswerId = restored?.clientAnswerId ?? newClientAnswerId();
    if (restored) {
      this.response = restored.response;
      this.status = 'queued';
    }
  }

  /** Still the phone's business: chosen but neither acknowledged nor refused. */
  get outstanding(): boolean {
    return this.status === 'queued' || this.status === 'sending';
  }

  /** Accepts a new choice unless one is on its way or already in. */
  choose(response: AnswerResponse): boolean {
    if (this.status === 'sending' || this.status === 'received') return false;
    this.response = response;
    this.status = 'queued';
    this.error = null;
    return true;
  }

  pending(): PendingAnswer | null {
    return this.response ? { questionIndex: this.questionIndex, clientAnswerId: this.clientAnswerId, response: this.response } : null;
  }
}

/**
 * What to do after an error ack: 'rejoin' (the socket lost its player: send again once
 * rejoined), 'retry' (no answer in time: same id again), 'notOpen' (our clock ran ahead of the
 * reading time: send when it opens) or 'final' (show the refusal).
 */
export type AnswerErrorAction = 'rejoin' | 'retry' | 'notOpen' | 'final';

export function answerErrorAction(error: ErrorBody, connected: boolean): AnswerErrorAction {
  if (!connected || error.code === 'PLAYER_NOT_FOUND') return 'rejoin';
  if (isAckTimeout(error)) return 'retry';
  if (error.code === 'ANSWER_NOT_OPEN') return 'notOpen';
  return 'final';
}
