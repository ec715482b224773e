// One device following one stage contest over the shared socket: the projector ('stage:watch',
// no login), a team table ('stage:team' with the team's token) or the host and judges
// ('stage:staff'). It keeps the latest StageView as rune state, joins again after every
// reconnect (socket.io reconnects by itself, but a new socket is nobody until it joins), and
// sends the audience's commands only while joined, so socket.io never replays a buzz or an
// answer on a socket the server does not know yet.
import type {
  Ack,
  ErrorBody,
  StageBuzzResult,
  StageHostCommand,
  StageJudgeCommand,
  StageView,
} from '@dangshi/protocol';
import { NetworkError } from '$lib/api/http';
import { readyToFollow, withSession } from '$lib/contest/host-socket';
import { getConnection } from '$lib/socket/connection';

export type StageAudienceJoin =
  | { kind: 'screen' }
  | { kind: 'team'; token: string }
  | { kind: 'staff'; role: 'host' | 'judge' };

/** A command without the stage id, which the feed adds. */
type Bare<T> = T extends unknown ? Omit<T, 'stageId'> : never;
export type HostCommand = Bare<StageHostCommand>;
export type JudgeCommand = Bare<StageJudgeCommand>;

/** The outcome of a command: ok, or the failure to show (an ErrorBody or a NetworkError). */
export type CommandResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody | NetworkError };

export class StageFeed {
  view = $state<StageView | null>(null);
  /** Why following failed (kept as the failure so its text follows a language switch). */
  loadError = $state<{ error: unknown } | null>(null);
  /** The last refused command, until the next one. */
  commandError = $state<{ error: unknown } | null>(null);
  /** The command waiting for its answer, for disabled buttons and "working…" labels. */
  busy = $state<string | null>(null);
  /** Joined on the current socket: commands may go out. */
  joined = $state(false);

  readonly stageId: string;
  readonly #audience: StageAudienceJoin;
  readonly #loggedIn: () => boolean;
  #stopped = false;

  constructor(stageId: string, audience: StageAudienceJoin, loggedIn: () => boolean = () => false) {
    this.stageId = stageId;
    this.#audience = audience;
    this.#loggedIn = loggedIn;
  }

  /** Starts following; returns the cleanup for $effect. */
  start(): () => void {
    const socket = getConnection().socket;
    const onView = (view: StageView) => {
      if (view.id === this.stageId) this.#accept(view);
    };
    const onConnect = () => void this.#join();
    const onDisconnect = () => (this.joined = false);
    socket.on('stage:view', onView);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    void this.#join();
    return () => {
      this.#stopped = true;
      socket.off('stage:view', onView);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
    };
  }

  /** Tries to join again (the "retry" button after a failure). */
  retry(): void {
    this.loadError = null;
    void this.#join();
  }

  host(command: HostCommand): Promise<CommandResult<StageView>> {
    return this.#command(command.action, () =>
      getConnection().emitWithAck('stage:host', { ...command, stageId: this.stageId } as StageHostCommand),
    );
  }

  judge(command: JudgeCommand): Promise<CommandResult<StageView>> {
    return this.#command(command.action, () =>
      getConnection().emitWithAck('stage:judge', { ...command, stageId: this.stageId } as StageJudgeCommand),
    );
  }

  buzz(): Promise<CommandResult<StageBuzzResult>> {
    return this.#command('buzz', () => getConnection().emitWithAck('stage:buzz', { stageId: this.stageId }));
  }

  risk(value: number): Promise<CommandResult<StageView>> {
    return this.#command('risk', () => getConnection().emitWithAck('stage:risk', { stageId: this.stageId, value }));
  }

  submit(answer: string): Promise<CommandResult<StageView>> {
    return this.#command('submit', () => getConnection().emitWithAck('stage:submit', { stageId: this.stageId, answer }));
  }

  async #command<T>(name: string, send: () => Promise<Ack<T>>): Promise<CommandResult<T>> {
    if (!this.joined) {
      const error = new NetworkError(false);
      this.commandError = { error };
      return { ok: false, error };
    }
    this.busy = name;
    this.commandError = null;
    try {
      const ack = await withSession(this.#loggedIn(), send);
      if (!ack.ok) {
        this.commandError = { error: ack.error };
        return ack;
      }
      if (isView(ack.data)) this.#accept(ack.data);
      return ack;
    } finally {
      this.busy = null;
    }
  }

  async #join(): Promise<void> {
    if (this.#stopped) return;
    const audience = this.#audience;
    await readyToFollow(`stage:${audience.kind}:${this.stageId}`);
    const connection = getConnection();
    const ack =
      audience.kind === 'screen'
        ? await connection.emitWithAck('stage:watch', { stageId: this.stageId })
        : audience.kind === 'team'
          ? await connection.emitWithAck('stage:team', { stageId: this.stageId, token: audience.token })
          : await withSession(this.#loggedIn(), () =>
              connection.emitWithAck('stage:staff', { stageId: this.stageId, role: audience.role }),
            );
    if (this.#stopped) return;
    if (ack.ok) {
      this.joined = connection.socket.connected;
      this.loadError = null;
      this.#accept(ack.data, true);
    } else {
      this.loadError = { error: ack.error };
    }
  }

  #accept(view: StageView, fresh = false): void {
    // A broadcast can overtake an ack sent just before it: keep the newer view. A join's view is
    // always taken (the server restarted, its clock may have moved).
    if (!fresh && this.view && view.serverNow < this.view.serverNow) return;
    this.view = view;
  }
}

function isView(data: unknown): data is StageView {
  return typeof data === 'object' && data !== null && 'teams' in data && 'audience' in data;
}
