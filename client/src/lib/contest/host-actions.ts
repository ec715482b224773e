// Which host commands make sense in the current view, and what the main button says. The
// server refuses anything else with WRONG_PHASE; the console hides it so nobody has to try.
import type { ContestPhase, ContestView, HostAction } from '@dangshi/protocol';
import type { MessageKey } from '$lib/i18n';

export const PHASE_KEYS: Record<ContestPhase, MessageKey> = {
  lobby: 'host.phase.lobby',
  question: 'host.phase.question',
  locked: 'host.phase.locked',
  reveal: 'host.phase.reveal',
  leaderboard: 'host.phase.leaderboard',
  podium: 'host.phase.podium',
  ended: 'host.phase.ended',
};

type ViewFacts = Pick<ContestView, 'phase' | 'questionIndex' | 'total' | 'hideLeaderboard' | 'paused'>;

const isLast = (v: ViewFacts) => v.questionIndex + 1 >= v.total;

/**
 * The label of `next` in this phase, mirroring the engine: reveal → leaderboard (unless it is
 * hidden) → next question … → podium → ended. null when `next` is refused here.
 */
export function nextLabel(v: ViewFacts): MessageKey | null {
  switch (v.phase) {
    case 'reveal':
      if (!v.hideLeaderboard) return 'host.action.showLeaderboard';
      return isLast(v) ? 'host.action.showPodium' : 'host.action.nextQuestion';
    case 'leaderboard':
      return isLast(v) ? 'host.action.showPodium' : 'host.action.nextQuestion';
    case 'podium':
      return 'host.action.finish';
    default:
      return null;
  }
}

/** The one "go on" step of a phase: start in the lobby, next where next is allowed. */
export function advanceAction(v: ViewFacts): HostAction | null {
  if (v.phase === 'lobby') return 'start';
  return nextLabel(v) ? 'next' : null;
}

export function canSkip(v: ViewFacts): boolean {
  return v.phase === 'question' && !v.paused;
}

/** pause or resume, or null where the engine allows neither (lobby, podium, ended). */
export function pauseAction(v: ViewFacts): 'pause' | 'resume' | null {
  if (v.paused) return 'resume';
  return v.phase === 'lobby' || v.phase === 'podium' || v.phase === 'ended' ? null : 'pause';
}

export function canEnd(v: ViewFacts): boolean {
  return v.phase !== 'ended' && v.phase !== 'podium';
}

export function canLockLobby(v: ViewFacts): boolean {
  return v.phase !== 'podium' && v.phase !== 'ended';
}
