// Ranks players after each reveal: score, then less total answer time, then who joined first.
// One sort per reveal; everyone gets their own rank, the screen gets the top N.
import type { LeaderboardEntry, TeamStanding } from '@dangshi/protocol';
import { playerList } from './player-list';
import type { ContestState, PlayerState } from './types';

export const LEADERBOARD_SIZE = 10;

/** Sorts the players still in the contest, sets each one's rank and returns the top entries. */
export function rankPlayers(state: ContestState, size = LEADERBOARD_SIZE): LeaderboardEntry[] {
  // Decorated with the sort keys as plain numbers of one shape, so the comparator stays cheap
  // for 10,000 players (reading them through the player objects was several times slower).
  const standing: { score: number; time: number; order: number; p: PlayerState }[] = [];
  const players = playerList(state);
  for (let i = 0; i < players.length; i++) {
    const p = players[i];
    if (!p.kicked) standing.push({ score: p.score, time: p.totalTimeMs, order: i, p });
  }
  standing.sort((a, b) => b.score - a.score || a.time - b.time || a.order - b.order);
  let rank = 0;
  for (let i = 0; i < standing.length; i++) {
    const { p, score, time } = standing[i];
    const prev = standing[i - 1];
    // Equal score and equal time share a rank (1, 2, 2, 4).
    if (!prev || prev.score !== score || prev.time !== time) rank = i + 1;
    p.previousRank = p.rank;
    p.rank = rank;
  }
  return standing.slice(0, size).map(({ p }) => ({
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
