// The host console's live state: subscribes with 'contest:host', keeps the latest view, lobby
// and answer progress, re-subscribes after every reconnect (a reload or a network drop loses
// nothing: the server holds the state) and sends commands.
import type { AnswerProgress, ContestView, HostAction, LobbyView } from '@dangshi/protocol';
import { ApiError } from '$lib/api/http';
import { getConnection } from '$lib/socket/connection';
import { hostApi } from './host-api';
import { readyToFollow, withSession } from './host-socket';

/** The lobby list carries answered/score only when the lobby changes; refresh it this often. */
const LOBBY_REFRESH_MS = 1_000;

export class HostConsole {
  view = $state<ContestView | null>(null);
  lobby = $state<LobbyView | null>(null);
  progress = $state<AnswerProgress | null>(null);
  /** Kept as the failure itself so its text follows a language switch. */
  loadError = $state<{ error: unknown } | null>(null);
  commandError = $state<{ error: unknown } | null>(null);
  busy = $state<HostAction | null>(null);
  /** The live run is gone (ended long ago, or the server restarted after the end): HTTP copy. */
  archived = $state(false);

  readonly contestId: string;
  readonly #loggedIn: () => boolean;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(contestId: string, loggedIn: () => boolean) {
    this.contestId = contestId;
    this.#loggedIn = loggedIn;
  }

  /** Answered count of the current question (0 until the first progress event for it). */
  get answered(): number {
    const p = this.progress;
    return p && this.view && p.questionIndex === this.view.questionIndex ? p.answered : 0;
  }

  /** Starts following; returns the cleanup for onMount/$effect. */
  start(): () => void {
    const socket = getConnection().socket;
    const onView = (view: ContestView) => {
      if (view.contestId !== this.contestId) return;
      this.view = view;
      this.#refreshSoon();
    };
    const onLobby = (lobby: LobbyView) => (this.lobby = lobby);
    const onProgress = (progress: AnswerProgress) => {
      this.progress = progress;
      this.#refreshSoon();
    };
    const onConnect = () => void this.#subscribe();
    socket.on('contest:view', onView);
    socket.on('contest:lobby', onLobby);
    socket.on('contest:progress', onProgress);
    socket.on('connect', onConnect);
    void this.#subscribe();
    return () => {
      this.#stopped = true;
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
      socket.off('contest:view', onView);
      socket.off('contest:lobby', onLobby);
      socket.off('contest:progress', onProgress);
      socket.off('connect', onConnect);
    };
  }

  async command(action: HostAction, playerId?: string): Promise<boolean> {
    this.busy = action;
    this.commandError = null;
    try {
      const input = { contestId: this.contestId, action, ...(playerId ? { playerId } : {}) };
      const ack = await withSession(this.#loggedIn(), () => getConnection().emitWithAck('contest:command', input));
      if (!ack.ok) this.commandError = { error: ack.error };
      return ack.ok;
    } finally {
      this.busy = null;
    }
  }

  async #subscribe(): Promise<void> {
    if (this.#stopped) return;
    await readyToFollow(`host:${this.contestId}`);
    const ack = await withSession(this.#loggedIn(), () =>
      getConnection().emitWithAck('contest:host', { contestId: this.contestId }),
    );
    if (this.#stopped) return;
    if (ack.ok) {
      this.view = ack.data.view;
      this.lobby = ack.data.lobby;
      this.loadError = null;
      this.archived = false;
    } else if (ack.error.code === 'CONTEST_NOT_FOUND') {
      await this.#loadArchive(ack.error);
    } else {
      this.loadError = { error: ack.error };
    }
  }

  /** Ended contests leave the server's memory after a while; the database still has them. */
  async #loadArchive(socketError: unknown): Promise<void> {
    try {
      const stored = await hostApi.contest(this.contestId);
      this.view = stored.view;
      this.lobby = stored.lobby;
      this.archived = true;
      this.loadError = null;
    } catch (error) {
      this.loadError = { error: error instanceof ApiError && error.code === 'NOT_FOUND' ? socketError : error };
    }
  }

  /** Re-asks for the host view (which carries the lobby list) at most every LOBBY_REFRESH_MS. */
  #refreshSoon(): void {
    if (this.#refreshTimer || this.archived) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#refresh();
    }, LOBBY_REFRESH_MS);
  }

  async #refresh(): Promise<void> {
    if (this.#stopped) return;
    const ack = await getConnection().emitWithAck('contest:host', { contestId: this.contestId });
    if (ack.ok && !this.#stopped) {
      this.view = ack.data.view;
      this.lobby = ack.data.lobby;
    }
  }
}
