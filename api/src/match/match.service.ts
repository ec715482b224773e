// Runs practice matches: keeps each live match's engine state in memory, turns the engine's
// effects into timers, database writes and views, and works one match's commands one at a time
// (an answer is stored before the deadline timer of the same match can move on). It never
// touches a socket (MatchBroadcaster does) and holds no game rule (match-engine does). With
// several nodes it runs on the match hub only (MatchRouter), acting while the hub lease is fresh.
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MATCH_QUESTION_COUNT, type MatchAnswerInput, type MatchAnswerReceipt, type MatchView } from '@dangshi/protocol';
import { MatchHubLease } from '../cluster/leases';
import { AppError } from '../common/app-error';
import { createMatch, judgeAnswer, reduce, type Random } from './match-engine';
import { MatchQuestions } from './match-questions';
import { MatchTiming } from './match-timing';
import type { MatchCommand, MatchEffect, MatchState, TimerKey } from './match-types';
import { matchView, storedMatchView } from './match-view';
import { MatchBroadcaster } from './match.broadcaster';
import { MatchStore } from './match.store';
import type { Group } from './matchmaking';

/** Names of the bots that fill empty seats (shown with a bot badge). */
export const BOT_NAMES = ['陪练甲', '陪练乙', '陪练丙'] as const;
/** A finished match stays in memory this long for reloads of the result screen; then from storage. */
const FINISHED_RETENTION_MS = 10 * 60_000;
/** A match still 'playing' in storage this long after it began was cut short by a restart. */
const STALE_MS = 10 * 60_000;
const RECOVERY_EVERY_MS = 5 * 60_000;

interface Live {
  state: MatchState;
  timers: Map<TimerKey, NodeJS.Timeout>;
  /** The match's commands, one after another. */
  chain: Promise<unknown>;
  /** Ranking points recorded per seat, once finished. */
  recorded: Map<number, number>;
}

@Injectable()
export class MatchService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Match');
  private readonly live = new Map<string, Live>();
  /** Each member's match being played (not finished). */
  private readonly playing = new Map<string, string>();
  private recovery: NodeJS.Timeout | null = null;
  private closing = false;
  /** Math.random in production; a test may replace it for a fixed draw. */
  random: Random = Math.random;
  /**
   * Whether a member has a socket open. This node's sockets by default; MatchRouter counts every
   * node's when there are several (the hub's members sit on any node).
   */
  presence: (userId: string) => Promise<boolean> = async (userId) => this.broadcaster.isConnected(userId);

  constructor(
    private readonly store: MatchStore,
    private readonly questions: MatchQuestions,
    private readonly timing: MatchTiming,
    private readonly broadcaster: MatchBroadcaster,
    private readonly hub: MatchHubLease,
  ) {}

  onApplicationBootstrap(): void {
    // With several nodes only the hub recovers (at once when it takes over, see recoverAll).
    const recover = () =>
      (this.hub.clustered && !this.hub.isFresh('') ? Promise.resolve(0) : this.recover()).catch((error: unknown) =>
        this.logger.error(`recovering matches failed: ${(error as Error).message}`),
      );
    void recover();
    this.recovery = setInterval(() => void recover(), RECOVERY_EVERY_MS);
    this.recovery.unref();
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    if (this.recovery) clearInterval(this.recovery);
    for (const live of this.live.values()) for (const timer of live.timers.values()) clearTimeout(timer);
  }

  /** Finishes matches a restart interrupted (from their stored answers). */
  async recover(staleMs = STALE_MS): Promise<number> {
    return (await this.store.recover(Date.now(), staleMs)).length;
  }

  /**
   * This node has just become the match hub: the previous hub is gone (its lease lapsed, so it
   * no longer acts), and every match still 'playing' was its. They are finished now from their
   * stored answers, and their phones get the final view, instead of waiting for the staleness
   * bound.
   */
  async recoverAll(): Promise<number> {
    const ids = await this.store.recover(Date.now(), 0);
    const now = Date.now();
    for (const id of ids) {
      const stored = await this.store.finished(id);
      for (const p of stored?.players ?? []) if (p.userId) this.broadcaster.match(p.userId, storedMatchView(stored!, p.seat, now));
    }
    if (ids.length) this.logger.log(`finished ${ids.length} match(es) of the previous hub`);
    return ids.length;
  }

  /** Another node is the hub now: stop every clock and forget the matches (they are stored). */
  dropAll(): void {
    for (const live of this.live.values()) for (const timer of live.timers.values()) clearTimeout(timer);
    this.live.clear();
    this.playing.clear();
  }

  /** The match a member is playing, if any. */
  playingOf(userId: string): string | null {
    return this.playing.get(userId) ?? null;
  }

  /** Starts a match for a group from matchmaking; empty seats get bots. */
  async start(group: Group): Promise<MatchState> {
    const id = randomUUID();
    // Claimed at once: the member cannot queue for another match while this one is being made.
    for (const m of group.members) this.playing.set(m.userId, id);
    try {
      const connected = await Promise.all(group.members.map((m) => this.presence(m.userId).catch(() => true)));
      const ids = await this.questions.choose(
        group.members.map((m) => m.userId),
        MATCH_QUESTION_COUNT,
        this.random,
      );
      const now = Date.now();
      const { state, effects } = createMatch(
        {
          id,
          size: group.size,
          kind: group.kind,
          questions: await this.questions.load(ids),
          members: group.members.map((m, i) => ({ ...m, connected: connected[i] })),
          botNames: BOT_NAMES,
          timing: this.timing.snapshot(),
        },
        now,
        this.random,
      );
      await this.store.create(state, group.code);
      const live: Live = { state, timers: new Map(), chain: Promise.resolve(), recorded: new Map() };
      this.live.set(id, live);
      await this.serial(live, () => this.run(live, effects));
      this.logger.log(`match ${id}: ${group.members.length} members, ${group.size - group.members.length} bots`);
      return state;
    } catch (error) {
      for (const m of group.members) if (this.playing.get(m.userId) === id) this.playing.delete(m.userId);
      throw error;
    }
  }

  /** The match as this member sees it; marks them connected again. */
  async resume(userId: string, matchId: string): Promise<MatchView> {
    const live = this.live.get(matchId);
    if (!live) return this.storedView(userId, matchId);
    const seat = this.seatOf(live, userId);
    await this.serial(live, () => this.run(live, reduce(live.state, { type: 'reconnected', seat }, Date.now(), this.random)));
    return this.viewFor(live, seat);
  }

  /** The member's current match view, if they are playing one. */
  currentView(userId: string): MatchView | null {
    const live = this.live.get(this.playing.get(userId) ?? '');
    if (!live) return null;
    return this.viewFor(live, this.seatOf(live, userId));
  }

  /**
   * A member's answer: judged at its arrival time, stored, then counted; a resend (same
   * clientAnswerId, e.g. after a reconnect) gets the same receipt and is never counted twice.
   * `arrived` is taken by the node the phone's socket is on.
   */
  async answer(userId: string, input: MatchAnswerInput, arrived = Date.now()): Promise<MatchAnswerReceipt> {
    const live = this.live.get(input.matchId);
    if (!live) {
      if (await this.store.isPlayer(input.matchId, userId)) throw new AppError('MATCH_OVER');
      throw new AppError('MATCH_NOT_FOUND');
    }
    const seat = this.seatOf(live, userId);
    return this.serial(live, async () => {
      const judged = judgeAnswer(live.state, seat, input, arrived);
      if (!judged.ok) throw new AppError(judged.code);
      if (!judged.duplicate) {
        // Acknowledged only once stored; nothing else of this match happens in between.
        await this.store.saveAnswer(live.state.id, seat, judged.answer);
        await this.run(live, reduce(live.state, { type: 'answer', seat, answer: judged.answer }, Date.now(), this.random));
      }
      return { index: judged.answer.index, accepted: true as const };
    });
  }

  /** A member's phone came back (a socket again) or is gone (their last socket closed). */
  async connection(userId: string, connected: boolean): Promise<void> {
    const live = this.live.get(this.playing.get(userId) ?? '');
    if (!live) return;
    const seat = this.seatOf(live, userId);
    const cmd: MatchCommand = connected ? { type: 'reconnected', seat } : { type: 'disconnected', seat };
    await this.serial(live, () => this.run(live, reduce(live.state, cmd, Date.now(), this.random)));
  }

  private seatOf(live: Live, userId: string): number {
    const seat = live.state.seats.findIndex((s) => s.userId === userId);
    if (seat < 0) throw new AppError('MATCH_NOT_PLAYER');
    return seat;
  }

  private viewFor(live: Live, seat: number): MatchView {
    return matchView(live.state, seat, Date.now(), live.recorded.get(seat) ?? 0);
  }

  private serial<T>(live: Live, work: () => Promise<T>): Promise<T> {
    const next = live.chain.then(work, work);
    live.chain = next.catch(() => undefined);
    return next;
  }

  private async run(live: Live, effects: MatchEffect[]): Promise<void> {
    let changed = false;
    let finished = false;
    for (const effect of effects) {
      switch (effect.type) {
        case 'schedule':
          this.schedule(live, effect.key, effect.at, effect.command);
          break;
        case 'cancel':
          clearTimeout(live.timers.get(effect.key));
          live.timers.delete(effect.key);
          break;
        case 'persistAnswer':
          // A bot's answer: a failed write must not stall the match (the seat's score still counts it).
          await this.store.saveAnswer(live.state.id, effect.seat, effect.answer).catch((error: unknown) =>
            this.logger.error(`storing a bot answer of match ${live.state.id} failed: ${(error as Error).message}`),
          );
          break;
        case 'finished':
          finished = true;
          break;
        case 'viewChanged':
          changed = true;
          break;
      }
    }
    if (finished) await this.conclude(live);
    if (changed) this.publish(live);
  }

  private schedule(live: Live, key: TimerKey, at: number, command: MatchCommand): void {
    clearTimeout(live.timers.get(key));
    if (this.closing) return;
    const timer = setTimeout(
      () => {
        if (live.timers.get(key) !== timer) return;
        live.timers.delete(key);
        // Self-fencing: a hub that cannot renew its lease does not move a match on; it tries
        // again shortly (Redis back) or hands everything over (dropAll).
        if (!this.hub.isFresh('')) {
          this.schedule(live, key, Date.now() + 500, command);
          return;
        }
        this.serial(live, () => this.run(live, reduce(live.state, command, Date.now(), this.random))).catch((error: unknown) =>
          this.logger.error(`match ${live.state.id} ${command.type} failed: ${(error as Error).stack ?? String(error)}`),
        );
      },
      Math.max(0, at - Date.now()),
    );
    live.timers.set(key, timer);
  }

  /** Stores the results and records the ranking points; the final view carries them. */
  private async conclude(live: Live): Promise<void> {
    const { state } = live;
    for (const s of state.seats) if (s.userId && this.playing.get(s.userId) === state.id) this.playing.delete(s.userId);
    try {
      await this.store.finish(state);
      live.recorded = await this.store.recordPoints(state.id);
    } catch (error) {
      // The stored answers are safe; recovery records the points later.
      this.logger.error(`storing the results of match ${state.id} failed: ${(error as Error).message}`);
    }
    setTimeout(() => this.live.delete(state.id), FINISHED_RETENTION_MS).unref();
  }

  private publish(live: Live): void {
    for (const s of live.state.seats) if (s.userId) this.broadcaster.match(s.userId, this.viewFor(live, s.seat));
  }

  /** A finished match no longer in memory, rebuilt from storage for its result screen. */
  private async storedView(userId: string, matchId: string): Promise<MatchView> {
    const stored = await this.store.finished(matchId);
    if (!stored) throw new AppError('MATCH_NOT_FOUND');
    const me = stored.players.find((p) => p.userId === userId);
    if (!me) throw new AppError('MATCH_NOT_PLAYER');
    return storedMatchView(stored, me.seat, Date.now());
  }
}
