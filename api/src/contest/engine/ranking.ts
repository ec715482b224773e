// Ranks players after each reveal: score, then less total answer time, then who joined first.
// One sort per reveal; everyone gets their own rank, the screen gets the top N.
import type { LeaderboardEntry, TeamStanding } from '@dangshi/protocol';
import type { ContestState, PlayerState } from './types';

export const LEADERBOARD_SIZE = 10;

export function compareStanding(a: PlayerState, b: PlayerState, joinIndex: Map<string, number>): number {
  return b.score - a.score || a.totalTimeMs - b.totalTimeMs || (joinIndex.get(a.id) ?? 0) - (joinIndex.get(b.id) ?? 0);
}

/** Sorts the players still in the contest, sets each one's rank and returns the top entries. */
export function rankPlayers(state: ContestState, size = LEADERBOARD_SIZE): LeaderboardEntry[] {
  const joinIndex = new Map(state.playerOrder.map((id, i) => [id, i]));
  const standing = state.playerOrder.map((id) => state.players[id]).filter((p) => !p.kicked);
  standing.sort((a, b) => compareStanding(a, b, joinIndex));
  let rank = 0;
  standing.forEach((p, i) => {
    const prev = standing[i - 1];
    // Equal score and equal time share a rank (1, 2, 2, 4).
    if (!prev || prev.score !== p.score || prev.totalTimeMs !== p.totalTimeMs) rank = i + 1;
    p.previousRank = p.rank;
    p.rank = rank;
  });
  return standing.slice(0, size).map((p) => ({
    rank: p.rank!,
    playerId: p.id,
    nickname: p.nickname,
    score: p.score,
    previousRank: p.previousRank,
  }));
}

/**
 * Team mode: teams ranked by average score per player (so a big branch does not win by size),
 * then by total. A team nobody joined shows 0 and ranks last.
 */
export function rankTeams(state: ContestState): TeamStanding[] {
  const names = state.settings.teams;
  if (names.length === 0) return [];
  const totals = names.map(() => ({ players: 0, total: 0 }));
  for (const id of state.playerOrder) {
    const p = state.players[id];
    if (p.kicked || p.team === null) continue;
    totals[p.team].players += 1;
    totals[p.team].total += p.score;
  }
  const rows = names.map((name, team) => ({
    team,
    name,
    players: totals[team].players,
    total: totals[team].total,
    average: totals[team].players ? Math.round((totals[team].total / totals[team].players) * 10) / 10 : 0,
  }));
  rows.sort((a, b) => Number(b.players > 0) - Number(a.players > 0) || b.average - a.average || b.total - a.total || a.team - b.team);
  let rank = 0;
  return rows.map((row, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.average !== row.average || prev.total !== row.total || (prev.players > 0) !== (row.players > 0)) rank = i + 1;
    return { rank, ...row };
  });
}
