// How long each part of a match lasts. One injectable object so the medium tests can make a whole
// match take seconds (they change the fields after the app starts); production keeps the
// protocol's constants. A match copies the values when it starts, so a change never bends one
// already running.
import { Injectable } from '@nestjs/common';
import { MATCH_FORFEIT_GRACE_MS, MATCH_QUESTION_MS, MATCH_QUEUE_WAIT_MS } from '@dangshi/protocol';

export interface MatchTimingValues {
  /** The count-down before the first question. */
  startMs: number;
  questionMs: number;
  /** The answer, its explanation and everyone's points stay up this long. */
  revealMs: number;
  forfeitGraceMs: number;
  /** Bots answer after a delay drawn between these… */
  botMinMs: number;
  botMaxMs: number;
  /** …and are right with a probability drawn between these when the match starts. */
  botAccuracyMin: number;
  botAccuracyMax: number;
}

export const DEFAULT_MATCH_TIMING: Readonly<MatchTimingValues> = {
  startMs: 3_000,
  questionMs: MATCH_QUESTION_MS,
  revealMs: 3_000,
  forfeitGraceMs: MATCH_FORFEIT_GRACE_MS,
  botMinMs: 3_000,
  botMaxMs: 10_000,
  botAccuracyMin: 0.6,
  botAccuracyMax: 0.7,
};

@Injectable()
export class MatchTiming implements MatchTimingValues {
  startMs = DEFAULT_MATCH_TIMING.startMs;
  questionMs = DEFAULT_MATCH_TIMING.questionMs;
  revealMs = DEFAULT_MATCH_TIMING.revealMs;
  forfeitGraceMs = DEFAULT_MATCH_TIMING.forfeitGraceMs;
  botMinMs = DEFAULT_MATCH_TIMING.botMinMs;
  botMaxMs = DEFAULT_MATCH_TIMING.botMaxMs;
  botAccuracyMin = DEFAULT_MATCH_TIMING.botAccuracyMin;
  botAccuracyMax = DEFAULT_MATCH_TIMING.botAccuracyMax;
  /** How long matchmaking looks for opponents before the phone offers a bot. */
  queueWaitMs = MATCH_QUEUE_WAIT_MS;

  /** The values a new match runs with. */
  snapshot(): MatchTimingValues {
    const { startMs, questionMs, revealMs, forfeitGraceMs, botMinMs, botMaxMs, botAccuracyMin, botAccuracyMax } = this;
    return { startMs, questionMs, revealMs, forfeitGraceMs, botMinMs, botMaxMs, botAccuracyMin, botAccuracyMax };
  }
}
