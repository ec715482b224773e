// The live contest's rules: a deterministic state machine. No sockets, no database, no clock
// reads, no randomness: `now` comes in with every command and timers go out as effects.
//
// For speed with ten thousand players the engine updates the state object it is given in place
// (copying a 10,000-player map per answer would dominate the hot path) and returns the effects;
// callers treat `reduce` as (state, command, now) → effects and never share the state object.
import type { ErrorCode } from '@dangshi/protocol';
import { isValidResponse, judge } from './judge';
import { appendPlayer, playerList } from './player-list';
import { rankPlayers, rankTeams } from './ranking';
import { scoreAnswer } from './scoring';
import type { Command, ContestState, Effect, PlayerState, Reply, Step, StoredAnswer } from './types';

/** Pause between the deadline and the reveal: the projector shows "time's up" first. */
export const LOCK_TO_REVEAL_MS = 1500;
export const NICKNAME_MAX = 20;

const ok = (effects: Effect[] = [], data?: StoredAnswer | { duplicate: true; answer: StoredAnswer }): Step => ({
  effects,
  reply: data === undefined ? { ok: true } : { ok: true, data },
});
const refuse = (code: ErrorCode): Step => ({ effects: [], reply: { ok: false, code } });

export function reduce(state: ContestState, cmd: Command, now: number): Step {
  switch (cmd.type) {
    case 'join':
      return join(state, cmd.playerId, cmd.nickname, cmd.userId, cmd.team ?? null, now);
    case 'answer':
      return answer(state, cmd, now);
    case 'start':
      return state.phase === 'lobby' ? openQuestion(state, 0, now) : refuse('WRONG_PHASE');
    case 'next':
      return next(state, now);
    case 'skip':
      return state.phase === 'question' ? lock(state, now, [{ type: 'cancel', key: 'deadline' }]) : refuse('WRONG_PHASE');
    case 'deadline':
      return state.phase === 'question' && state.index === cmd.questionIndex && !state.paused ? lock(state, now, []) : ok();
    case 'reveal':
      return state.phase === 'locked' && state.index === cmd.questionIndex ? reveal(state) : ok();
    case 'pause':
      return pause(state, now);
    case 'resume':
      return resume(state, now);
    case 'lockLobby':
    case 'unlockLobby':
      state.lobbyLocked = cmd.type === 'lockLobby';
      return ok([{ type: 'viewChanged' }, { type: 'persistSnapshot' }]);
    case 'kick':
      return kick(state, cmd.playerId, now);
    case 'end':
      return end(state, now);
    case 'connection':
      return connection(state, cmd.playerId, cmd.connected);
  }
}

interface NicknameIndex {
  byNickname: Map<string, string>;
  byUser: Map<string, string>;
}
// Joins check uniqueness in O(1): a hall of 10,000 would make a scan per join quadratic. The
// index is a cache beside the state (kept out of it so snapshots stay plain data), rebuilt on
// first use for a restored state.
const nicknameIndexes = new WeakMap<ContestState, NicknameIndex>();

function nicknameIndex(state: ContestState): NicknameIndex {
  let index = nicknameIndexes.get(state);
  if (!index) {
    index = { byNickname: new Map(), byUser: new Map() };
    for (const id of state.playerOrder) {
      const p = state.players[id];
      if (p.kicked) continue;
      index.byNickname.set(p.nickname.toLowerCase(), id);
      if (p.userId) index.byUser.set(p.userId, id);
    }
    nicknameIndexes.set(state, index);
  }
  return index;
}

/** Trimmed, 1–20 characters, no control characters. */
export function normaliseNickname(raw: string): string | null {
  const nickname = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  const length = [...nickname].length;
  if (length < 1 || length > NICKNAME_MAX || /\p{Cc}/u.test(nickname)) return null;
  return nickname;
}

function joinIsOpen(state: ContestState): ErrorCode | null {
  if (state.phase === 'podium' || state.phase === 'ended') return 'LOBBY_CLOSED';
  if (state.lobbyLocked) return 'LOBBY_LOCKED';
  const until = state.settings.lateJoinUntil;
  if (until !== null && state.index > until) return 'LOBBY_CLOSED';
  return null;
}

/** A player as they start: no points, no streak, charged the time already asked (see below). */
export function newPlayer(
  state: ContestState,
  who: Pick<PlayerState, 'id' | 'nickname' | 'userId' | 'team' | 'joinedAt' | 'connected'> & { kicked?: boolean },
): PlayerState {
  return {
    ...who,
    kicked: who.kicked ?? false,
    score: 0,
    streak: 0,
    correctCount: 0,
    totalTimeMs: lateJoinTimeMs(state),
    rank: null,
    previousRank: null,
    answers: {},
  };
}

/** A late joiner is charged the full time of every question already asked: joining late never wins a tie. */
export function lateJoinTimeMs(state: ContestState): number {
  return state.questions.slice(0, Math.max(state.index, 0)).reduce((t, q) => t + q.limitMs, 0);
}

function join(state: ContestState, playerId: string, rawNickname: string, userId: string | null, team: number | null, now: number): Step {
  const closed = joinIsOpen(state);
  if (closed) return refuse(closed);
  if (state.settings.joinMode === 'members' && !userId) return refuse('MEMBERS_ONLY');
  const teams = state.settings.teams;
  if (teams.length > 0 && (team === null || !Number.isInteger(team) || team < 0 || team >= teams.length)) return refuse('TEAM_REQUIRED');
  const nickname = normaliseNickname(rawNickname);
  if (!nickname) return refuse('NICKNAME_INVALID');
  const names = nicknameIndex(state);
  const lower = nickname.toLowerCase();
  if (names.byNickname.has(lower)) return refuse('NICKNAME_TAKEN');
  if (userId && names.byUser.has(userId)) return refuse('NICKNAME_TAKEN');
  const player = newPlayer(state, { id: playerId, nickname, userId, team: teams.length > 0 ? team : null, joinedAt: now, connected: true });
  const counter = activeCounter(state);
  appendPlayer(state, player);
  counter.n += 1;
  names.byNickname.set(lower, playerId);
  if (userId) names.byUser.set(userId, playerId);
  // Only the (throttled) lobby list changes for others: re-broadcasting the view to every phone
  // on every join would make a join storm quadratic.
  return ok([{ type: 'persistPlayer', playerId }, { type: 'lobbyChanged' }]);
}

function answer(state: ContestState, cmd: Extract<Command, { type: 'answer' }>, now: number): Step {
  const player = state.players[cmd.playerId];
  if (!player) return refuse('PLAYER_NOT_FOUND');
  if (player.kicked) return refuse('PLAYER_KICKED');
  const previous = player.answers[cmd.questionIndex];
  // A retry of an answer we already have (same client id) is acknowledged again, never recounted.
  if (previous) {
    return previous.clientAnswerId === cmd.clientAnswerId ? ok([], { duplicate: true, answer: previous }) : refuse('ANSWER_DUPLICATE');
  }
  if (cmd.questionIndex !== state.index) {
    return refuse(cmd.questionIndex < state.index ? 'ANSWER_TOO_LATE' : 'ANSWER_WRONG_QUESTION');
  }
  if (state.phase !== 'question') return refuse(state.phase === 'lobby' ? 'WRONG_PHASE' : 'ANSWER_TOO_LATE');
  if (state.paused) return refuse('WRONG_PHASE');
  if (state.deadline === null || now > state.deadline) return refuse('ANSWER_TOO_LATE');
  if (state.answersOpenAt === null || now < state.answersOpenAt) return refuse('ANSWER_NOT_OPEN');
  const question = state.questions[state.index];
  if (!isValidResponse(question, cmd.response)) return refuse('ANSWER_INVALID');

  const fraction = judge(question.key, cmd.response, state.settings.partialCredit);
  const elapsedMs = now - state.answersOpenAt;
  const scored = scoreAnswer({
    scoring: question.scoring,
    points: question.points,
    fraction,
    answered: true,
    elapsedMs,
    limitMs: question.limitMs,
    streakBefore: player.streak,
    accuracyPoints: state.settings.accuracyPoints,
    negativePoints: state.settings.negativePoints,
  });
  const stored: StoredAnswer = {
    questionIndex: cmd.questionIndex,
    clientAnswerId: cmd.clientAnswerId,
    response: cmd.response,
    receivedAt: now,
    elapsedMs,
    fraction,
    points: scored.points,
    streakAfter: scored.streak,
  };
  player.answers[cmd.questionIndex] = stored;
  state.answeredCount += 1;
  const effects: Effect[] = [
    { type: 'persistAnswer', playerId: player.id, answer: stored },
    { type: 'playersChanged', playerIds: [player.id] },
    { type: 'answerProgress' },
  ];
  // An answer proves the phone is there (after a restart or a failover every player starts as
  // disconnected until they act).
  if (!player.connected) {
    setConnected(state, player, true);
    effects.push({ type: 'lobbyChanged' });
  }
  if (everyoneAnswered(state)) effects.push(...lock(state, now, [{ type: 'cancel', key: 'deadline' }]).effects);
  return ok(effects, stored);
}

/**
 * Everyone still here (connected, not kicked) has answered: no one waits for the clock. The count
 * comparison is a cheap filter; the scan runs only near the end of a question.
 */
function everyoneAnswered(state: ContestState): boolean {
  const active = activeCount(state);
  if (active === 0 || state.answeredCount < active) return false;
  return activePlayers(state).every((p) => p.answers[state.index] !== undefined);
}

// How many players are connected and not kicked, kept up to date by the commands that change it
// (join, connection, kick, answer); like the nickname index, a cache beside the plain state.
const activeCounts = new WeakMap<ContestState, { n: number }>();

function activeCounter(state: ContestState): { n: number } {
  let counter = activeCounts.get(state);
  if (!counter) {
    counter = { n: activePlayers(state).length };
    activeCounts.set(state, counter);
  }
  return counter;
}

function activeCount(state: ContestState): number {
  return activeCounter(state).n;
}

/** Changes a player's connected flag and the active count with it. */
function setConnected(state: ContestState, player: PlayerState, connected: boolean): void {
  if (player.connected === connected) return;
  const counter = activeCounter(state);
  player.connected = connected;
  if (!player.kicked) counter.n += connected ? 1 : -1;
}

function activePlayers(state: ContestState): PlayerState[] {
  return state.playerOrder.map((id) => state.players[id]).filter((p) => !p.kicked && p.connected);
}

function openQuestion(state: ContestState, index: number, now: number): Step {
  const question = state.questions[index];
  state.phase = 'question';
  state.index = index;
  state.answersOpenAt = now + state.settings.readingTimeSec * 1000;
  state.deadline = state.answersOpenAt + question.limitMs;
  state.answeredCount = 0;
  state.paused = false;
  state.pausedRemainingMs = null;
  // No per-player message here: a new question index tells each phone its answer slot is empty,
  // and 10,000 private emits would slow the fan-out that matters most.
  return ok([
    { type: 'viewChanged' },
    { type: 'persistSnapshot' },
    { type: 'schedule', key: 'deadline', at: state.deadline, command: { type: 'deadline', questionIndex: index } },
  ]);
}

function lock(state: ContestState, now: number, before: Effect[]): Step {
  state.phase = 'locked';
  state.deadline = Math.min(state.deadline ?? now, now);
  return ok([
    ...before,
    { type: 'viewChanged' },
    { type: 'persistSnapshot' },
    { type: 'schedule', key: 'reveal', at: now + LOCK_TO_REVEAL_MS, command: { type: 'reveal', questionIndex: state.index } },
  ]);
}

/** Applies the question's points to every player, ranks them and shows the answer. */
function reveal(state: ContestState): Step {
  const question = state.questions[state.index];
  // What missing an answer does to a streak is the scoring rule's call, asked once per reveal.
  const missedKeepsStreak =
    scoreAnswer({
      scoring: question.scoring,
      points: question.points,
      fraction: 0,
      answered: false,
      elapsedMs: question.limitMs,
      limitMs: question.limitMs,
      streakBefore: 1,
      accuracyPoints: state.settings.accuracyPoints,
      negativePoints: state.settings.negativePoints,
    }).streak === 1;
  for (const player of playerList(state)) {
    if (player.kicked) continue;
    const given = player.answers[state.index];
    if (given) {
      player.score += given.points;
      player.streak = given.streakAfter;
      player.totalTimeMs += given.elapsedMs;
      if (given.fraction >= 1) player.correctCount += 1;
    } else {
      // Unanswered: no points (never negative).
      if (!missedKeepsStreak) player.streak = 0;
      player.totalTimeMs += question.limitMs;
    }
  }
  state.leaderboard = rankPlayers(state);
  state.teamStandings = rankTeams(state);
  state.revealed = state.index + 1;
  state.phase = 'reveal';
  return ok([{ type: 'viewChanged' }, { type: 'playersChanged', playerIds: 'all' }, { type: 'persistSnapshot' }]);
}

function next(state: ContestState, now: number): Step {
  switch (state.phase) {
    case 'reveal':
      if (state.settings.hideLeaderboard) return advance(state, now);
      state.phase = 'leaderboard';
      return ok([{ type: 'viewChanged' }, { type: 'persistSnapshot' }]);
    case 'leaderboard':
      return advance(state, now);
    case 'podium':
      return finish(state, now);
    default:
      return refuse('WRONG_PHASE');
  }
}

function advance(state: ContestState, now: number): Step {
  if (state.index + 1 < state.questions.length) return openQuestion(state, state.index + 1, now);
  state.phase = 'podium';
  return ok([{ type: 'viewChanged' }, { type: 'playersChanged', playerIds: 'all' }, { type: 'persistSnapshot' }]);
}

function finish(state: ContestState, now: number): Step {
  state.phase = 'ended';
  state.endedAt = now;
  return ok([{ type: 'viewChanged' }, { type: 'persistSnapshot' }, { type: 'finished' }]);
}

function pause(state: ContestState, now: number): Step {
  if (state.paused || state.phase === 'ended' || state.phase === 'podium' || state.phase === 'lobby') return refuse('WRONG_PHASE');
  state.paused = true;
  const effects: Effect[] = [{ type: 'viewChanged' }, { type: 'persistSnapshot' }];
  if (state.phase === 'question') {
    // The clock stops: reading time not yet used is kept as well as answer time.
    state.pausedRemainingMs = Math.max(0, (state.deadline ?? now) - now);
    effects.unshift({ type: 'cancel', key: 'deadline' });
  }
  return ok(effects);
}

function resume(state: ContestState, now: number): Step {
  if (!state.paused) return refuse('WRONG_PHASE');
  state.paused = false;
  const effects: Effect[] = [{ type: 'viewChanged' }, { type: 'persistSnapshot' }];
  if (state.phase === 'question' && state.pausedRemainingMs !== null) {
    // Shift the whole window: answer times (measured from answersOpenAt) and any reading time
    // left are exactly what they were when the host paused.
    const limitMs = state.questions[state.index].limitMs;
    state.deadline = now + state.pausedRemainingMs;
    state.answersOpenAt = state.deadline - limitMs;
    state.pausedRemainingMs = null;
    effects.push({ type: 'schedule', key: 'deadline', at: state.deadline, command: { type: 'deadline', questionIndex: state.index } });
  }
  return ok(effects);
}

function kick(state: ContestState, playerId: string, now: number): Step {
  const player = state.players[playerId];
  if (!player) return refuse('PLAYER_NOT_FOUND');
  if (player.kicked) return ok();
  if (player.connected) activeCounter(state).n -= 1;
  player.kicked = true;
  state.kickedCount += 1;
  // A kicked player's nickname is free again (the engine refuses their answers by id).
  const names = nicknameIndex(state);
  names.byNickname.delete(player.nickname.toLowerCase());
  if (player.userId) names.byUser.delete(player.userId);
  const effects: Effect[] = [
    { type: 'kicked', playerId },
    { type: 'persistPlayer', playerId },
    { type: 'lobbyChanged' },
    { type: 'viewChanged' },
  ];
  if (player.answers[state.index] && state.phase === 'question') state.answeredCount -= 1;
  if (state.phase === 'question' && everyoneAnswered(state)) {
    effects.push(...lock(state, now, [{ type: 'cancel', key: 'deadline' }]).effects);
  }
  return ok(effects);
}

/** The host ends early: straight to the podium with the scores so far; again to close. */
function end(state: ContestState, now: number): Step {
  if (state.phase === 'ended') return refuse('WRONG_PHASE');
  if (state.phase === 'podium') return finish(state, now);
  if (state.phase === 'lobby') return finish(state, now);
  const effects: Effect[] = [{ type: 'cancel', key: 'deadline' }, { type: 'cancel', key: 'reveal' }];
  state.paused = false;
  state.pausedRemainingMs = null;
  // A question in progress is not scored (it was cut short for everyone); its answers stay stored.
  state.leaderboard = rankPlayers(state);
  state.teamStandings = rankTeams(state);
  state.phase = 'podium';
  effects.push({ type: 'viewChanged' }, { type: 'playersChanged', playerIds: 'all' }, { type: 'persistSnapshot' });
  return ok(effects);
}

function connection(state: ContestState, playerId: string, connected: boolean): Step {
  const player = state.players[playerId];
  if (!player || player.connected === connected) return ok();
  setConnected(state, player, connected);
  return ok([{ type: 'lobbyChanged' }]);
}

export type { Reply };
