// The projector's live state: follows a contest by PIN with 'contest:watch' (public, no login),
// keeps the latest view, lobby and answer progress, and follows again after every reconnect.
// It can also send host commands for the keyboard shortcuts, using the view's contestId.
import type { Ack, AnswerProgress, ContestView, HostAction, LobbyView } from '@dangshi/protocol';
import { getConnection } from '$lib/socket/connection';
import { readyToFollow, withSession } from './host-socket';

export class ScreenFeed {
  view = $state<ContestView | null>(null);
  lobby = $state<LobbyView | null>(null);
  progress = $state<AnswerProgress | null>(null);
  /** Why following failed (kept as the failure so its text follows a language switch). */
  error = $state<{ error: unknown } | null>(null);

  readonly pin: string;
  #stopped = false;

  constructor(pin: string) {
    this.pin = pin;
  }

  get answered(): number {
    const p = this.progress;
    return p && this.view && p.questionIndex === this.view.questionIndex ? p.answered : 0;
  }

  start(): () => void {
    const socket = getConnection().socket;
    const onView = (view: ContestView) => {
      if (view.pin === this.pin) this.view = view;
    };
    const onLobby = (lobby: LobbyView) => (this.lobby = lobby);
    const onProgress = (progress: AnswerProgress) => (this.progress = progress);
    const onConnect = () => void this.#follow();
    socket.on('contest:view', onView);
    socket.on('contest:lobby', onLobby);
    socket.on('contest:progress', onProgress);
    socket.on('connect', onConnect);
    void this.#follow();
    return () => {
      this.#stopped = true;
      socket.off('contest:view', onView);
      socket.off('contest:lobby', onLobby);
      socket.off('contest:progress', onProgress);
      socket.off('connect', onConnect);
    };
  }

  /** A host command from the projector's keyboard; fails with UNAUTHENTICATED / NOT_HOST otherwise. */
  async command(action: HostAction, loggedIn: boolean): Promise<Ack<{ phase: string }>> {
    const contestId = this.view?.contestId;
    if (!contestId) return { ok: false, error: { code: 'WRONG_PHASE', message: '' } };
    return withSession(loggedIn, () => getConnection().emitWithAck('contest:command', { contestId, action }));
  }

  async #follow(): Promise<void> {
    if (this.#stopped) return;
    await readyToFollow(`screen:${this.pin}`);
    const ack = await getConnection().emitWithAck('contest:watch', { pin: this.pin });
    if (this.#stopped) return;
    if (ack.ok) {
      this.view = ack.data.view;
      this.lobby = ack.data.lobby;
      this.error = null;
    } else if (!this.view || this.view.phase !== 'ended') {
      // An ended contest is eventually forgotten by the server; its last screen stays up.
      this.error = { error: ack.error };
    }
  }
}
