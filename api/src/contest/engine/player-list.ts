// The players in join order as an array: a cache beside the state (kept out of it so snapshots
// stay plain data), so passes over 10,000 players at a reveal are array walks rather than
// 10,000 look-ups in a string-keyed object.
import type { ContestState, PlayerState } from './types';

const lists = new WeakMap<ContestState, PlayerState[]>();

export function playerList(state: ContestState): PlayerState[] {
  let list = lists.get(state);
  if (!list || list.length !== state.playerOrder.length) {
    list = state.playerOrder.map((id) => state.players[id]);
    lists.set(state, list);
  }
  return list;
}

/** Keeps the cached list in step with a join (the engine's only way to add a player). */
export function appendPlayer(state: ContestState, player: PlayerState): void {
  const list = lists.get(state);
  state.players[player.id] = player;
  state.playerOrder.push(player.id);
  if (list) list.push(player);
}
