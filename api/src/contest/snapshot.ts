// A contest's state as stored: the engine state without per-player answers (they are rows of
// contest_answers, written as they come). Restoring puts the answers back.
import type { AnswerResponse } from '@dangshi/protocol';
import type { ContestAnswerRecord, ContestPlayerRecord } from './contest.entities';
import { newPlayer } from './engine/engine';
import type { ContestState, PlayerState, StoredAnswer } from './engine/types';

type StoredPlayer = Omit<PlayerState, 'answers'>;
type StoredState = Omit<ContestState, 'players'> & { players: Record<string, StoredPlayer> };

export function toSnapshot(state: ContestState): string {
  const players: Record<string, StoredPlayer> = {};
  for (const id of state.playerOrder) {
    const { answers: _answers, ...rest } = state.players[id];
    players[id] = rest;
  }
  return JSON.stringify({ ...state, players } satisfies StoredState);
}

export function answerFromRow(row: ContestAnswerRecord): StoredAnswer {
  return {
    questionIndex: row.questionIndex,
    clientAnswerId: row.clientAnswerId,
    response: JSON.parse(row.response) as AnswerResponse,
    receivedAt: row.receivedAt,
    elapsedMs: row.elapsedMs,
    fraction: row.fraction,
    points: row.points,
    streakAfter: row.streakAfter,
  };
}

/**
 * Rebuilds the state from a snapshot and every stored answer. Players are marked disconnected
 * (their phones reconnect); the current question's answer count is recounted.
 */
export function fromSnapshot(json: string, playerRows: ContestPlayerRecord[], answers: ContestAnswerRecord[]): ContestState {
  const stored = JSON.parse(json) as StoredState;
  const players: Record<string, PlayerState> = {};
  for (const id of stored.playerOrder) players[id] = { ...stored.players[id], connected: false, answers: {} };
  const state: ContestState = { ...stored, players, playerOrder: [...stored.playerOrder] };
  // Players who joined after the last snapshot exist only as rows. Every phase change stores a
  // snapshot, so they joined in the snapshot's phase and start exactly as the engine started them.
  const rows = [...playerRows].sort((a, b) => a.joinedAt - b.joinedAt);
  for (const row of rows) {
    const known = state.players[row.playerId];
    if (known) {
      known.kicked = known.kicked || row.kicked;
      continue;
    }
    state.players[row.playerId] = newPlayer(state, {
      id: row.playerId,
      nickname: row.nickname,
      userId: row.userId,
      team: row.team,
      joinedAt: row.joinedAt,
      connected: false,
      kicked: row.kicked,
    });
    state.playerOrder.push(row.playerId);
  }
  for (const row of answers) {
    const player = state.players[row.playerId];
    if (player) player.answers[row.questionIndex] = answerFromRow(row);
  }
  state.kickedCount = state.playerOrder.filter((id) => state.players[id].kicked).length;
  state.answeredCount = 0;
  if (state.index >= 0) {
    for (const id of state.playerOrder) if (!state.players[id].kicked && state.players[id].answers[state.index]) state.answeredCount += 1;
  }
  return state;
}
