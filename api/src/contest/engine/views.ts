// What each audience is sent, derived from the state. The answer key leaves the server only
// inside a reveal, and to phones only when the host shows answers on phones.
import type {
  AnswerProgress,
  ContestView,
  CorrectAnswer,
  LobbyView,
  OwnAnswerResult,
  PlayerView,
  PublicQuestion,
  RevealView,
} from '@dangshi/protocol';
import { fillAnswerMatches } from '@dangshi/question-bank';
import type { ContestState, PlayerState } from './types';

export type Audience = 'player' | 'screen' | 'host';

const REVEALED_PHASES = new Set(['reveal', 'leaderboard']);
const LOBBY_LIST_MAX = 200;

export function publicQuestion(state: ContestState, index: number): PublicQuestion {
  const q = state.questions[index];
  return {
    index,
    total: state.questions.length,
    type: q.type,
    stem: q.stem,
    options: q.options,
    ...(q.media ? { media: q.media } : {}),
    timeLimitMs: q.limitMs,
    points: q.points,
  };
}

/** Counts per option (choice), [true, false] (true/false) or [right, wrong] (fill). */
export function distribution(state: ContestState, index: number): { counts: number[]; answered: number; correct: number } {
  const q = state.questions[index];
  const counts =
    q.type === 'single' || q.type === 'multiple' ? new Array<number>(q.options.length).fill(0) : [0, 0];
  let answered = 0;
  let correct = 0;
  for (const id of state.playerOrder) {
    const player = state.players[id];
    const a = player.answers[index];
    if (!a || player.kicked) continue;
    answered += 1;
    if (a.fraction >= 1) correct += 1;
    const r = a.response;
    if (r.kind === 'choice') for (const o of r.options) counts[o] += 1;
    else if (r.kind === 'truefalse') counts[r.value ? 0 : 1] += 1;
    else counts[q.key.type === 'fill' && fillAnswerMatches(q.key.accepted, r.text) ? 0 : 1] += 1;
  }
  return { counts, answered, correct };
}

function correctAnswer(state: ContestState, index: number): CorrectAnswer {
  return state.questions[index].key as CorrectAnswer;
}

function revealView(state: ContestState, audience: Audience): RevealView {
  const q = state.questions[state.index];
  const { counts, answered, correct } = distribution(state, state.index);
  const showKey = audience !== 'player' || state.settings.showAnswersOnPhones;
  return {
    index: state.index,
    questionId: q.questionId,
    questionVersion: q.version,
    distribution: counts,
    answered,
    correctCount: correct,
    ...(showKey ? { correct: correctAnswer(state, state.index), explanation: q.explanation, source: q.source } : {}),
  };
}

/** Players still in the contest (not kicked). O(1): every player view carries it. */
export function activeCount(state: ContestState): number {
  return state.playerOrder.length - state.kickedCount;
}

export function contestView(state: ContestState, audience: Audience, now: number): ContestView {
  const s = state.settings;
  const view: ContestView = {
    contestId: state.id,
    pin: state.pin,
    title: s.title,
    phase: state.phase,
    questionIndex: state.index,
    total: state.questions.length,
    paused: state.paused,
    lobbyLocked: state.lobbyLocked,
    joinMode: s.joinMode,
    hideLeaderboard: s.hideLeaderboard,
    players: activeCount(state),
    serverNow: now,
  };
  if (state.index >= 0 && state.phase !== 'podium' && state.phase !== 'ended') {
    view.question = publicQuestion(state, state.index);
    view.answersOpenAt = state.answersOpenAt ?? undefined;
    view.deadline = state.deadline ?? undefined;
    if (state.paused && state.pausedRemainingMs !== null) view.remainingMs = state.pausedRemainingMs;
  }
  if (REVEALED_PHASES.has(state.phase)) view.reveal = revealView(state, audience);
  const showBoard = audience !== 'player' || !s.hideLeaderboard;
  if (state.phase === 'leaderboard' && showBoard) view.leaderboard = state.leaderboard;
  if ((state.phase === 'podium' || state.phase === 'ended') && showBoard) view.podium = state.leaderboard.slice(0, 3);
  if ((state.phase === 'podium' || state.phase === 'ended') && audience !== 'player') view.leaderboard = state.leaderboard;
  if (s.teams.length > 0) {
    view.teams = s.teams;
    if (state.revealed > 0 && showBoard) view.teamStandings = state.teamStandings;
  }
  return view;
}

function ownResult(state: ContestState, player: PlayerState, index: number): OwnAnswerResult {
  const a = player.answers[index];
  return {
    questionIndex: index,
    answered: Boolean(a),
    correct: Boolean(a && a.fraction >= 1),
    fraction: a?.fraction ?? 0,
    points: a?.points ?? 0,
    ...(a ? { response: a.response } : {}),
  };
}

export function playerView(state: ContestState, player: PlayerState): PlayerView {
  const view: PlayerView = {
    playerId: player.id,
    nickname: player.nickname,
    ...(player.team !== null ? { team: state.settings.teams[player.team] } : {}),
    score: player.score,
    streak: player.streak,
    rank: state.settings.hideLeaderboard ? null : player.rank,
    players: activeCount(state),
  };
  const current = player.answers[state.index];
  if (current && (state.phase === 'question' || state.phase === 'locked')) view.currentAnswer = current.response;
  if (REVEALED_PHASES.has(state.phase)) view.lastResult = ownResult(state, player, state.index);
  if (state.phase === 'podium' || state.phase === 'ended') {
    view.summary = Array.from({ length: state.revealed }, (_, i) => ownResult(state, player, i));
  }
  return view;
}

export function lobbyView(state: ContestState): LobbyView {
  const players = [];
  for (let i = state.playerOrder.length - 1; i >= 0 && players.length < LOBBY_LIST_MAX; i--) {
    const p = state.players[state.playerOrder[i]];
    if (p.kicked) continue;
    players.push({
      playerId: p.id,
      nickname: p.nickname,
      ...(p.team !== null ? { team: state.settings.teams[p.team] } : {}),
      connected: p.connected,
      answered: Boolean(p.answers[state.index]),
      score: p.score,
    });
  }
  return { count: activeCount(state), players };
}

export function answerProgress(state: ContestState): AnswerProgress {
  return { questionIndex: state.index, answered: state.answeredCount, players: activeCount(state) };
}
