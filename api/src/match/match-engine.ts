// The rules of a practice match (双人对战, 四人赛) as a deterministic state machine, in the style
// of contest/engine: no sockets, no database, no clock reads; `now` and the random source come in
// with every call and timers go out as effects. MatchService runs it.
//
//   starting (count-down) → question 0 → reveal 0 → question 1 → … → reveal n-1 → finished
//
// A question ends at its deadline, or as soon as every player still in the match has answered.
// Bots answer after a random delay with a random (but per-bot fixed) accuracy. A disconnected
// member keeps their seat for the grace period; after it they forfeit: they score nothing more
// and are placed after everyone still playing. When no member is left, or only one player, the
// match ends at once (the one left wins).
import type { MatchAnswerInput } from '@dangshi/protocol';
import { isValidResponse, judge } from '../contest/engine/judge';
import { answerPoints, places } from './match-scoring';
import type { MatchTimingValues } from './match-timing';
import type { Judgement, MatchCommand, MatchEffect, MatchQuestion, MatchState, SeatAnswer, SeatState, TimerKey } from './match-types';

/** A random number in [0, 1): Math.random in production, a script in tests. */
export type Random = () => number;

export interface NewMatch {
  id: string;
  size: 2 | 4;
  kind: 'queue' | 'invite';
  questions: MatchQuestion[];
  /** The members, in seat order; the remaining seats go to bots. */
  members: { userId: string; name: string; connected: boolean }[];
  botNames: readonly string[];
  timing: MatchTimingValues;
}

export function createMatch(input: NewMatch, now: number, random: Random): { state: MatchState; effects: MatchEffect[] } {
  const { timing } = input;
  const seats: SeatState[] = [];
  for (let seat = 0; seat < input.size; seat++) {
    const member = input.members[seat];
    seats.push({
      seat,
      userId: member?.userId ?? null,
      name: member?.name ?? input.botNames[seat - input.members.length] ?? `Bot ${seat + 1}`,
      bot: !member,
      botAccuracy: member ? 0 : timing.botAccuracyMin + random() * (timing.botAccuracyMax - timing.botAccuracyMin),
      connected: member ? member.connected : true,
      forfeited: false,
      score: 0,
      correct: 0,
      answers: {},
    });
  }
  const state: MatchState = {
    id: input.id,
    size: input.size,
    kind: input.kind,
    questions: input.questions,
    phase: 'starting',
    index: 0,
    openedAt: null,
    deadline: now + timing.startMs,
    seats,
    timing,
    createdAt: now,
    endedAt: null,
    places: null,
  };
  const effects: MatchEffect[] = [{ type: 'schedule', key: 'phase', at: state.deadline!, command: { type: 'timeout', phase: 'starting', index: 0 } }, { type: 'viewChanged' }];
  // A member whose phone dropped while the match was being made gets the same grace as later.
  for (const s of seats) if (!s.connected) effects.push(forfeitTimer(state, s, now));
  return { state, effects };
}

/**
 * Checks and judges a member's answer without changing the state: the service stores it first
 * and only then applies it with an `answer` command. A resend (same clientAnswerId, or the same
 * response to the same question) is the stored answer again, marked duplicate.
 */
export function judgeAnswer(state: MatchState, seat: number, input: Omit<MatchAnswerInput, 'matchId'>, now: number): Judgement {
  const player = state.seats[seat];
  const previous = Object.values(player.answers).find((a) => a.clientAnswerId === input.clientAnswerId);
  if (previous) return { ok: true, answer: previous, duplicate: true };
  const earlier = player.answers[input.index];
  if (earlier) {
    return JSON.stringify(earlier.response) === JSON.stringify(input.response) ? { ok: true, answer: earlier, duplicate: true } : { ok: false, code: 'ANSWER_DUPLICATE' };
  }
  if (state.phase === 'finished' || player.forfeited) return { ok: false, code: 'MATCH_OVER' };
  if (input.index >= state.questions.length) return { ok: false, code: 'ANSWER_WRONG_QUESTION' };
  if (state.phase === 'starting' || input.index > state.index) return { ok: false, code: input.index === state.index ? 'ANSWER_NOT_OPEN' : 'ANSWER_WRONG_QUESTION' };
  if (state.phase !== 'question' || input.index < state.index || now > state.deadline!) return { ok: false, code: 'ANSWER_TOO_LATE' };
  const question = state.questions[state.index];
  if (!isValidResponse(question.judged, input.response)) return { ok: false, code: 'ANSWER_INVALID' };
  const correct = judge(question.key, input.response, false) === 1;
  const ms = now - state.openedAt!;
  return {
    ok: true,
    duplicate: false,
    answer: { index: state.index, clientAnswerId: input.clientAnswerId, response: input.response, correct, points: answerPoints(correct, ms, state.timing.questionMs), ms, at: now },
  };
}

/** Applies a command; the state is changed in place and the effects say what follows. */
export function reduce(state: MatchState, cmd: MatchCommand, now: number, random: Random): MatchEffect[] {
  switch (cmd.type) {
    case 'timeout':
      if (state.phase !== cmd.phase || state.index !== cmd.index) return [];
      if (state.phase === 'starting') return open(state, 0, now, random);
      if (state.phase === 'question') return reveal(state, now);
      if (state.phase === 'reveal') return state.index + 1 < state.questions.length ? open(state, state.index + 1, now, random) : finish(state, now);
      return [];
    case 'answer':
      return record(state, cmd.seat, cmd.answer, now, []);
    case 'botAnswer': {
      const bot = state.seats[cmd.seat];
      if (!bot?.bot || state.phase !== 'question' || state.index !== cmd.index) return [];
      const ms = now - state.openedAt!;
      const answer: SeatAnswer = { index: cmd.index, clientAnswerId: null, response: null, correct: cmd.correct, points: answerPoints(cmd.correct, ms, state.timing.questionMs), ms, at: now };
      return record(state, cmd.seat, answer, now, [{ type: 'persistAnswer', seat: cmd.seat, answer }]);
    }
    case 'disconnected': {
      const player = state.seats[cmd.seat];
      if (!player || player.bot || !player.connected || state.phase === 'finished') return [];
      player.connected = false;
      return player.forfeited ? [{ type: 'viewChanged' }] : [forfeitTimer(state, player, now), { type: 'viewChanged' }];
    }
    case 'reconnected': {
      const player = state.seats[cmd.seat];
      if (!player || player.bot || player.connected) return [];
      player.connected = true;
      return [{ type: 'cancel', key: `forfeit:${player.seat}` }, { type: 'viewChanged' }];
    }
    case 'forfeit':
      return forfeit(state, cmd.seat, now);
  }
}

function forfeitTimer(state: MatchState, player: SeatState, now: number): MatchEffect {
  return { type: 'schedule', key: `forfeit:${player.seat}`, at: now + state.timing.forfeitGraceMs, command: { type: 'forfeit', seat: player.seat } };
}

function open(state: MatchState, index: number, now: number, random: Random): MatchEffect[] {
  const { timing } = state;
  state.phase = 'question';
  state.index = index;
  state.openedAt = now;
  state.deadline = now + timing.questionMs;
  const effects: MatchEffect[] = [{ type: 'schedule', key: 'phase', at: state.deadline, command: { type: 'timeout', phase: 'question', index } }];
  for (const bot of state.seats) {
    if (!bot.bot || bot.forfeited) continue;
    const delay = timing.botMinMs + random() * (timing.botMaxMs - timing.botMinMs);
    const correct = random() < bot.botAccuracy;
    effects.push({ type: 'schedule', key: `bot:${bot.seat}`, at: now + Math.round(delay), command: { type: 'botAnswer', seat: bot.seat, index, correct } });
  }
  effects.push({ type: 'viewChanged' });
  return effects;
}

function record(state: MatchState, seat: number, answer: SeatAnswer, now: number, effects: MatchEffect[]): MatchEffect[] {
  const player = state.seats[seat];
  if (!player || player.forfeited || state.phase !== 'question' || answer.index !== state.index || player.answers[answer.index]) return [];
  player.answers[answer.index] = answer;
  effects.push({ type: 'viewChanged' });
  return allAnswered(state) ? [...effects, ...reveal(state, now)] : effects;
}

function allAnswered(state: MatchState): boolean {
  return state.seats.every((s) => s.forfeited || s.answers[state.index]);
}

/** The current question's points join the scores (once: only on leaving the question phase). */
function tally(state: MatchState): void {
  for (const player of state.seats) {
    const answer = player.answers[state.index];
    if (!answer) continue;
    player.score += answer.points;
    if (answer.correct) player.correct += 1;
  }
}

const botTimers = (state: MatchState): MatchEffect[] => state.seats.filter((s) => s.bot).map((s) => ({ type: 'cancel', key: `bot:${s.seat}` as TimerKey }));

function reveal(state: MatchState, now: number): MatchEffect[] {
  tally(state);
  state.phase = 'reveal';
  state.deadline = now + state.timing.revealMs;
  return [
    { type: 'cancel', key: 'phase' },
    ...botTimers(state),
    { type: 'schedule', key: 'phase', at: state.deadline, command: { type: 'timeout', phase: 'reveal', index: state.index } },
    { type: 'viewChanged' },
  ];
}

function finish(state: MatchState, now: number): MatchEffect[] {
  if (state.phase === 'question') tally(state);
  state.phase = 'finished';
  state.deadline = null;
  state.endedAt = now;
  state.places = places(state.seats);
  const forfeitTimers: MatchEffect[] = state.seats.filter((s) => !s.bot).map((s) => ({ type: 'cancel', key: `forfeit:${s.seat}` as TimerKey }));
  return [{ type: 'cancel', key: 'phase' }, ...botTimers(state), ...forfeitTimers, { type: 'finished' }, { type: 'viewChanged' }];
}

function forfeit(state: MatchState, seat: number, now: number): MatchEffect[] {
  const player = state.seats[seat];
  if (!player || player.bot || player.connected || player.forfeited || state.phase === 'finished') return [];
  player.forfeited = true;
  const still = state.seats.filter((s) => !s.forfeited);
  // No member left to play for, or nobody left to play against: the match is decided.
  if (!still.some((s) => !s.bot) || still.length <= 1) return finish(state, now);
  if (state.phase === 'question' && allAnswered(state)) return reveal(state, now);
  return [{ type: 'viewChanged' }];
}
